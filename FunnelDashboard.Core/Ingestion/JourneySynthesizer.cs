using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>
/// Adds the detail the dataset's CSVs lack: sessions, visit times and durations, and interactions. Deterministic: each
/// user's journey comes from a random stream keyed by (seed, user id), so the same input and seed give the same events
/// in any processing order. The first session follows the funnel in order on the user's date, as far as the user went;
/// some users come back later for a browsing session. Converting sessions fill and submit forms; abandoning ones end
/// with back navigation, rapid scrolling or repeated clicks, more often on mobile. <see cref="AddJourney"/> is the
/// behaviour model itself, which the live <see cref="TrafficSimulator"/> uses too.
/// </summary>
public static class JourneySynthesizer
{
    public const long DefaultSeed = 20150101;
    const int MaxSessionsPerUser = 8;
    /// <summary>How far a repeated click lands from the burst's first, at most, in each direction.</summary>
    const int RepeatJitterPixels = 3;

    static readonly string[][] Elements =
    [
        ["hero_banner", "search_box", "category_nav", "promo_card", "featured_product"],
        ["search_results", "filter_panel", "product_card", "sort_dropdown", "pagination"],
        ["card_number", "expiry_date", "cvv", "billing_address", "pay_button"],
        ["order_summary", "continue_shopping", "share_order"],
    ];

    // Share of visits that start in each hour of the day (UTC): quiet at night, busy in the evening.
    static readonly double[] HourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.5, 4, 4.5, 4, 3.5, 3.5, 4, 4.5, 5, 6, 6.5, 5.5, 4, 2];

    /// <summary>Identifies what an import of this dataset with this seed stores, so importing it twice can be detected.</summary>
    public static string Fingerprint(Dataset dataset, long seed) => $"{dataset.Fingerprint}:{seed}";

    public static long SessionId(long userId, int ordinal) => userId * MaxSessionsPerUser + ordinal;

    public static ImportBatch Synthesize(Dataset dataset, long seed = DefaultSeed, string? source = null)
    {
        var events = new JourneyEvents(dataset.Users.Count);
        var lastDay = dataset.Users.Count == 0 ? DateOnly.MinValue : dataset.Users.Max(u => u.User.FirstVisit);
        // Return sessions come 1-28 days later, at a usual hour, and stay within the dataset's days, so daily traffic
        // does not fade out after its last day.
        NextReturn withinDataset = (DateTime previous, ref SplitMix64 random) =>
        {
            var day = previous.Date.AddDays(random.Next(1, 29));
            if (DateOnly.FromDateTime(day) > lastDay) return null;
            return day.AddHours(PickHour(ref random)).AddMinutes(random.Next(0, 60)).AddSeconds(random.Next(0, 60));
        };
        foreach (var datasetUser in dataset.Users)
        {
            var user = datasetUser.User;
            var random = SplitMix64.ForKey(seed, user.Id);
            var start = user.FirstVisit.ToDateTime(new TimeOnly(PickHour(ref random), random.Next(0, 60), random.Next(0, 60)), DateTimeKind.Utc);
            AddJourney(user, datasetUser.PagesReached, start, withinDataset, ref random, events);
        }
        return new ImportBatch(Fingerprint(dataset, seed), source ?? dataset.Folder,
            dataset.Users.Select(u => u.User).ToList(), events.Sessions, events.Visits, events.Interactions);
    }

    /// <summary>When a user's next session starts after the one that started at <paramref name="previous"/>; null for none.</summary>
    public delegate DateTime? NextReturn(DateTime previous, ref SplitMix64 random);

    /// <summary>
    /// The behaviour model, for the import's synthesis and the live simulator alike: one user's journey. The first
    /// session starts at <paramref name="start"/> and follows the funnel in order as far as the user goes
    /// (<paramref name="pagesReached"/>); converters come back more often. Return sessions only revisit pages the user
    /// already reached, so they never change how far down the funnel the user went.
    /// </summary>
    public static void AddJourney(User user, int pagesReached, DateTime start, NextReturn nextReturn, ref SplitMix64 random, JourneyEvents into)
    {
        var converted = pagesReached == Names.AllPages.Count;
        AddSession(user, 0, start, pagesReached, abandons: !converted, ref random, into);

        var returns = random.Chance(converted ? 0.5 : 0.2) ? random.Next(1, 3) : 0;
        var previous = start;
        for (var ordinal = 1; ordinal <= returns; ordinal++)
        {
            if (nextReturn(previous, ref random) is not { } returnStart) break;
            var pages = Math.Min(pagesReached, random.Chance(0.4) ? 2 : 1);
            AddSession(user, ordinal, returnStart, pages, abandons: true, ref random, into);
            previous = returnStart;
        }
    }

    static void AddSession(User user, int ordinal, DateTime start, int pages, bool abandons, ref SplitMix64 random, JourneyEvents into)
    {
        var sessionId = SessionId(user.Id, ordinal);
        var time = start;
        for (var p = 0; p < pages; p++)
        {
            var page = (FunnelPage)p;
            var isLast = p == pages - 1;
            var leavesHere = isLast && abandons;
            var duration = Duration(page, leavesHere, ref random);
            into.Visits.Add(new PageVisit(0, user.Id, sessionId, page, time, duration));
            AddInteractions(user, sessionId, page, time, duration, leavesHere, ref random, into.Interactions);
            time = time.AddSeconds(duration + random.Next(1, 20));
        }
        into.Sessions.Add(new Session(sessionId, user.Id, start, time, Converted: !abandons && pages == Names.AllPages.Count));
    }

    static int Duration(FunnelPage page, bool leavesHere, ref SplitMix64 random)
    {
        var (min, max) = page switch
        {
            FunnelPage.Home => (15, 90),
            FunnelPage.Search => (30, 240),
            FunnelPage.Payment => (60, 300),
            _ => (10, 45),
        };
        var seconds = random.Next(min, max);
        return leavesHere ? Math.Max(3, seconds / random.Next(2, 5)) : seconds; // people who leave decide quickly
    }

    static void AddInteractions(User user, long sessionId, FunnelPage page, DateTime visitStart, int duration, bool leavesHere,
        ref SplitMix64 random, List<Interaction> interactions)
    {
        var elements = Elements[(int)page];
        var (width, height) = user.Device == Device.Mobile ? (390, 844) : (1440, 900);
        var frustration = user.Device == Device.Mobile ? 1.3 : 1.0;
        var offset = 0;
        var rng = random;

        // Anywhere on the screen, or (a repeated click) within a few pixels of an earlier interaction.
        void Add(InteractionType type, string element, int atSecond, Interaction? near = null)
        {
            offset = Math.Clamp(atSecond, offset, duration);
            var (x, y) = near is null
                ? (rng.Next(0, width), rng.Next(0, height))
                : (Math.Clamp(near.X + rng.Next(-RepeatJitterPixels, RepeatJitterPixels + 1), 0, width - 1),
                   Math.Clamp(near.Y + rng.Next(-RepeatJitterPixels, RepeatJitterPixels + 1), 0, height - 1));
            interactions.Add(new Interaction(0, user.Id, sessionId, page, type, element, x, y, visitStart.AddSeconds(offset)));
        }
        int Later(int maxStep) => offset + rng.Next(1, Math.Max(2, maxStep));

        // Engaged browsing: a few scrolls, hovers and clicks spread over the visit.
        var engaged = rng.Next(1, leavesHere ? 3 : 5);
        for (var i = 0; i < engaged; i++)
        {
            var type = rng.Next(0, 3) switch { 0 => InteractionType.Scroll, 1 => InteractionType.Hover, _ => InteractionType.Click };
            Add(type, elements[rng.Next(0, elements.Length)], Later(duration / (engaged + 2)));
        }

        if (!leavesHere)
        {
            if (page == FunnelPage.Payment)
            {
                for (var field = 0; field < 4; field++) Add(InteractionType.FormFill, elements[field], Later(15));
                Add(InteractionType.FormSubmit, "pay_button", Later(10));
            }
            else if (page == FunnelPage.Search && rng.Chance(0.5))
                Add(InteractionType.FormFill, "filter_panel", Later(10));
            else
                Add(InteractionType.Click, elements[rng.Next(0, elements.Length)], Later(10));
        }
        else
        {
            if (rng.Chance(0.45 * frustration))
            {
                // A rage click: the same spot again and again, within a second.
                var element = elements[rng.Next(0, elements.Length)];
                var clicks = rng.Next(3, 6);
                Add(InteractionType.Click, element, offset + 1);
                var first = interactions[^1];
                for (var i = 1; i < clicks; i++) Add(InteractionType.Click, element, offset, near: first);
            }
            if (rng.Chance(0.4 * frustration))
                for (int i = 0, scrolls = rng.Next(3, 7); i < scrolls; i++) Add(InteractionType.Scroll, "page", offset + (i % 2));
            if (page == FunnelPage.Payment && rng.Chance(0.5))
                Add(InteractionType.FormFill, elements[rng.Next(0, 4)], Later(20));
            if (rng.Chance(0.6 * frustration))
                Add(InteractionType.Back, "browser_back", duration);
        }
        random = rng;
    }

    static int PickHour(ref SplitMix64 random)
    {
        var total = 0.0;
        foreach (var w in HourWeights) total += w;
        var pick = random.NextDouble() * total;
        for (var hour = 0; hour < HourWeights.Length; hour++)
        {
            pick -= HourWeights[hour];
            if (pick < 0) return hour;
        }
        return HourWeights.Length - 1;
    }
}
