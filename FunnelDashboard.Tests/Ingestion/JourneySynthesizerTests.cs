using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Ingestion;

public class JourneySynthesizerTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    readonly Dataset dataset;

    public JourneySynthesizerTests()
    {
        DatasetGenerator.Generate(folder, users: 4_000, seed: 3);
        dataset = DatasetReader.Read(folder);
    }

    [Fact]
    public void Same_input_and_seed_give_the_same_events_and_another_seed_does_not()
    {
        var a = JourneySynthesizer.Synthesize(dataset, seed: 1);
        var b = JourneySynthesizer.Synthesize(dataset, seed: 1);
        var c = JourneySynthesizer.Synthesize(dataset, seed: 2);

        Assert.Equal(a.PageVisits, b.PageVisits);
        Assert.Equal(a.Interactions, b.Interactions);
        Assert.Equal(a.Sessions, b.Sessions);
        Assert.NotEqual(a.PageVisits, c.PageVisits);
    }

    [Fact]
    public void First_sessions_follow_the_funnel_in_order_as_far_as_each_user_went()
    {
        var batch = JourneySynthesizer.Synthesize(dataset);
        var firstSessions = batch.PageVisits.Where(v => v.SessionId == JourneySynthesizer.SessionId(v.UserId, 0)).GroupBy(v => v.UserId).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var user in dataset.Users)
        {
            var visits = firstSessions[user.User.Id];
            Assert.Equal(Names.AllPages.Take(user.PagesReached), visits.Select(v => v.Page));
            Assert.Equal(user.User.FirstVisit, DateOnly.FromDateTime(visits[0].Timestamp));
            Assert.True(visits.Zip(visits.Skip(1)).All(p => p.First.Timestamp.AddSeconds(p.First.DurationSeconds) < p.Second.Timestamp));
        }
        // Return sessions never take a user further than the dataset says.
        Assert.All(batch.PageVisits.GroupBy(v => v.UserId), g =>
            Assert.True(g.Max(v => (int)v.Page) < dataset.Users.First(u => u.User.Id == g.Key).PagesReached));
        Assert.Equal(dataset.Users.Count(u => u.PagesReached == 4), batch.Sessions.Count(s => s.Converted));
    }

    [Fact]
    public void Converting_sessions_submit_forms_and_abandoning_ones_show_frustration()
    {
        var batch = JourneySynthesizer.Synthesize(dataset);
        var converted = batch.Sessions.Where(s => s.Converted).Select(s => s.Id).ToHashSet();
        double Rate(bool ofConverted, InteractionType type)
        {
            var sessions = batch.Sessions.Count(s => s.Converted == ofConverted);
            return (double)batch.Interactions.Count(i => converted.Contains(i.SessionId) == ofConverted && i.Type == type) / sessions;
        }

        Assert.True(Rate(true, InteractionType.FormSubmit) >= 1);
        Assert.Equal(0, Rate(false, InteractionType.FormSubmit));
        Assert.Equal(0, Rate(true, InteractionType.Back));
        Assert.True(Rate(false, InteractionType.Back) > 0.4);
        Assert.True(Rate(false, InteractionType.Scroll) > Rate(true, InteractionType.Scroll) / 4 * 1.5, "abandoning sessions scroll in bursts");

        // Interactions stay inside their page visit.
        var visitBySessionPage = batch.PageVisits.GroupBy(v => (v.SessionId, v.Page)).ToDictionary(g => g.Key, g => g.First());
        Assert.All(batch.Interactions.Take(5_000), i =>
        {
            var visit = visitBySessionPage[(i.SessionId, i.Page)];
            Assert.InRange(i.Timestamp, visit.Timestamp, visit.Timestamp.AddSeconds(visit.DurationSeconds));
        });
    }

    [Fact]
    public void Repeated_clicks_land_where_the_first_did_so_the_rage_click_rule_sees_them()
    {
        var batch = JourneySynthesizer.Synthesize(dataset);
        // A burst as the synthesizer writes it: 3 or more clicks on one element of one visit in one second.
        var bursts = batch.Interactions.Where(i => i.Type == InteractionType.Click)
            .GroupBy(i => (i.SessionId, i.Page, i.ElementId, i.Timestamp)).Where(g => g.Count() >= 3).ToList();
        Assert.True(bursts.Count > 100, $"only {bursts.Count} bursts");
        Assert.All(bursts, burst => Assert.All(burst, click =>
        {
            Assert.InRange(click.X - burst.First().X, -3, 3);
            Assert.InRange(click.Y - burst.First().Y, -3, 3);
        }));

        var builder = new EventSnapshotBuilder();
        foreach (var user in batch.Users) builder.AddUser(user);
        foreach (var visit in batch.PageVisits)
            builder.AddVisit(visit.UserId, visit.Page, visit.Timestamp, durationSeconds: visit.DurationSeconds);
        foreach (var i in batch.Interactions) builder.AddInteraction(i.UserId, i.Page, i.Type, i.Timestamp, i.X, i.Y);
        var found = SentimentAnalysis.Of(builder.Build(), new SentimentQuery(FunnelFilter.All)).Pages.Sum(p => p.Patterns.RepeatedClicks);
        // Engaged clicks near a burst, or near each other, can merge or make one: nearly the same count, not exactly.
        Assert.InRange(found, bursts.Count * 0.95, bursts.Count * 1.05);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

public class ShiftedImportTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    [Fact]
    public void A_dataset_ending_on_a_day_keeps_its_length_and_its_synthesized_times_end_that_day()
    {
        DatasetGenerator.Generate(folder, users: 2_000, seed: 5);
        var dataset = DatasetReader.Read(folder);
        var lastDay = new DateOnly(2026, 11, 30);

        var shifted = dataset.EndingOn(lastDay);
        var batch = JourneySynthesizer.Synthesize(shifted);

        Assert.Equal(dataset.Fingerprint, shifted.Fingerprint);
        Assert.Equal(lastDay, shifted.Users.Max(u => u.User.FirstVisit));
        var days = dataset.Users.Max(u => u.User.FirstVisit).DayNumber - dataset.Users.Min(u => u.User.FirstVisit).DayNumber;
        Assert.Equal(days, lastDay.DayNumber - shifted.Users.Min(u => u.User.FirstVisit).DayNumber);
        Assert.Equal(lastDay, DateOnly.FromDateTime(batch.PageVisits.Max(v => v.Timestamp)));
        // The same journeys, only moved: the first user's visits keep their times of day.
        var shift = lastDay.DayNumber - dataset.Users.Max(u => u.User.FirstVisit).DayNumber;
        var original = JourneySynthesizer.Synthesize(dataset);
        Assert.Equal(original.PageVisits.Select(v => v.Timestamp.AddDays(shift)), batch.PageVisits.Select(v => v.Timestamp));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
