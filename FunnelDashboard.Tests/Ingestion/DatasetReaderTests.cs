using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Ingestion;

public class DatasetReaderTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    /// <summary>A valid three-user dataset; each test breaks one thing.</summary>
    void Write(string? users = null, string? home = null, string? search = null, string? payment = null, string? confirmation = null)
    {
        File.WriteAllText(Path.Combine(folder, "user_table.csv"), users ?? "user_id,date,device,sex\n1,2015-01-01,Desktop,Male\n2,2015-01-02,Mobile,Female\n3,2015-01-03,Mobile,Male\n");
        File.WriteAllText(Path.Combine(folder, "home_page_table.csv"), home ?? "user_id,page\n1,home_page\n2,home_page\n3,home_page\n");
        File.WriteAllText(Path.Combine(folder, "search_page_table.csv"), search ?? "user_id,page\n1,search_page\n2,search_page\n");
        File.WriteAllText(Path.Combine(folder, "payment_page_table.csv"), payment ?? "user_id,page\n2,payment_page\n");
        File.WriteAllText(Path.Combine(folder, "payment_confirmation_table.csv"), confirmation ?? "user_id,page\n2,payment_confirmation_page\n");
    }

    [Fact]
    public void Reads_users_and_how_far_they_went()
    {
        Write();
        var dataset = DatasetReader.Read(folder);

        Assert.Equal([1L, 2, 3], dataset.Users.Select(u => u.User.Id));
        Assert.Equal([2, 4, 1], dataset.Users.Select(u => u.PagesReached));
        Assert.Equal(new User(2, new DateOnly(2015, 1, 2), Device.Mobile, Sex.Female), dataset.Users[1].User);
        Assert.Equal([3, 2, 1, 1], Names.AllPages.Select(dataset.UsersReaching));
    }

    [Fact]
    public void Reads_the_published_quoting_and_any_column_order()
    {
        Write(users: "\"sex\",\"user_id\",\"device\",\"date\"\n\"Male\",\"1\",\"Desktop\",\"2015-01-01\"\n\"Female\",\"2\",\"Mobile\",\"2015-01-02\"\n\"Male\",\"3\",\"Mobile\",\"2015-01-03\"\n",
            home: "\"user_id\",\"page\"\r\n\"1\",\"home_page\"\r\n\"2\",\"home_page\"\r\n\"3\",\"home_page\"\r\n");
        var dataset = DatasetReader.Read(folder);
        Assert.Equal(Device.Mobile, dataset.Users[2].User.Device);
        Assert.Equal(Sex.Female, dataset.Users[1].User.Sex);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "users", "user_id,date,device,sex\n1,2015-01-01,Desktop,Male\n2,2015-02-30,Mobile,Female\n", "user_table.csv line 3: '2015-02-30' is not a date" },
        { "users", "user_id,date,device,sex\n1,2015-01-01,Tablet,Male\n", "user_table.csv line 2: unknown device 'Tablet'" },
        { "users", "user_id,date,device,sex\n1,2015-01-01,Desktop,Other\n", "user_table.csv line 2: unknown sex 'Other'" },
        { "users", "user_id,date,device,sex\nabc,2015-01-01,Desktop,Male\n", "user_table.csv line 2: 'abc' is not a user id" },
        { "users", "user_id,date,device,sex\n1,2015-01-01,Desktop,Male\n1,2015-01-02,Mobile,Male\n", "user_table.csv line 3: duplicate user 1 (first on line 2)" },
        { "users", "user_id,date,device,sex\n1,2015-01-01\n", "user_table.csv line 2: expected at least 3 values, found 2" },
        { "users", "user_id,date,sex\n1,2015-01-01,Male\n", "user_table.csv line 1: missing column 'device'" },
        { "users", "user_id,date,device,sex\n\"1,2015-01-01,Desktop,Male\n", "user_table.csv line 2: a quoted value is not closed" },
        { "users", "", "user_table.csv: the file is empty" },
        { "users", "user_id,date,device,sex\n1,1999-12-31,Desktop,Male\n", "user_table.csv line 2: date 1999-12-31 is outside the supported range" },
        { "home", "user_id,page\n1,home_page\n2,home_page\n3,checkout_page\n", "home_page_table.csv line 4: unknown page 'checkout_page'" },
        { "home", "user_id,page\n1,home_page\n2,search_page\n", "home_page_table.csv line 3: page 'search_page' does not belong in this file" },
        { "home", "user_id,page\n1,home_page\n2,home_page\n3,home_page\n9,home_page\n", "home_page_table.csv line 5: unknown user 9" },
        { "home", "user_id,page\n1,home_page\n2,home_page\n3,home_page\n1,home_page\n", "home_page_table.csv line 5: duplicate user 1" },
        { "payment", "user_id,page\n2,payment_page\n3,payment_page\n", "payment_page_table.csv line 3: user 3 reached payment without search" },
        { "confirmation", "user_id,page\n1,payment_confirmation_page\n", "payment_confirmation_table.csv line 2: user 1 reached confirmation without payment" },
        { "home", "user_id,page\n1,home_page\n2,home_page\n", "user_table.csv line 4: user 3 is not in home_page_table.csv" },
        { "users", "user_id,date,device,sex\n1,2015-01-01,Desktop,Male,1\n", "user_table.csv line 2: 5 values, but the header names 4 columns" },
        { "home", "user_id,page\n1,home_page\n2,home_page,\n", "home_page_table.csv line 3: 3 values, but the header names 2 columns" },
        { "users", "user_id,date,device,sex\n", "user_table.csv: the file has a header but no users" },
        { "users", "user_id,date,device,sex\n1,2015-01-01,\u0000\u0007\tTab\u202Elet,Male\n", "user_table.csv line 2: unknown device '\\x00\\x07\\tTab\\u202Elet' (Desktop or Mobile)" },
    };

    [Fact]
    public void A_huge_value_is_cut_in_the_message()
    {
        Write(users: $"user_id,date,device,sex\n1,2015-01-01,Desktop,{new string('x', 1_000_000)}\n");

        var error = Assert.Throws<ImportException>(() => DatasetReader.Read(folder));

        Assert.Equal($"user_table.csv line 2: unknown sex '{new string('x', 80)}… (1,000,000 characters)' (Male or Female)", error.Message);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_names_the_file_and_line(string file, string content, string expected)
    {
        switch (file)
        {
            case "users": Write(users: content); break;
            case "home": Write(home: content); break;
            case "payment": Write(payment: content); break;
            default: Write(confirmation: content); break;
        }
        var error = Assert.Throws<ImportException>(() => DatasetReader.Read(folder));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Write();
        File.Delete(Path.Combine(folder, "search_page_table.csv"));
        Assert.Equal("search_page_table.csv: file not found", Assert.Throws<ImportException>(() => DatasetReader.Read(folder)).Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
