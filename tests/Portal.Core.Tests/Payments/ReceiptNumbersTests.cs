using System.Collections.Concurrent;
using Portal.Core.Payments;
using Portal.Core.Tests.Data;

namespace Portal.Core.Tests.Payments;

/// <summary>Receipt numbers from the database counter (SQLite, or PostgreSQL under PORTAL_TEST_DB=postgres), never from process memory.</summary>
public sealed class ReceiptNumbersTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Eight_parallel_writers_on_their_own_connections_never_get_the_same_receipt_number()
    {
        const int writers = 8;
        const int perWriter = 30;
        var at = new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);
        var numbers = new ConcurrentBag<ReceiptNumber>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                // A new context (and connection) per receipt, as separate requests or nodes would have.
                await using var db = fixture.Database.NewContext();
                numbers.Add(await ConfirmPaymentTests.Receipts(db).NextAsync(7001, at, Ct));
            }
        }, Ct)));

        Assert.Equal(Enumerable.Range(1, writers * perWriter), numbers.Select(n => n.Number).Order());
        Assert.All(numbers, n => Assert.Equal("BL26E", n.Series));
    }

    [Fact]
    public async Task Numbers_run_per_collecting_agency_and_start_again_with_the_local_year()
    {
        await using var db = fixture.Database.NewContext();
        var receipts = ConfirmPaymentTests.Receipts(db);
        // 31/12/2026 17:30 UTC is already 1/1/2027 in Hà Nội time.
        var lastDay = new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc);
        var newYear = new DateTime(2026, 12, 31, 17, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new ReceiptNumber("BL26E", 1), await receipts.NextAsync(7101, lastDay, Ct));
        Assert.Equal(new ReceiptNumber("BL26E", 2), await receipts.NextAsync(7101, lastDay, Ct));
        Assert.Equal(new ReceiptNumber("BL26E", 1), await receipts.NextAsync(7102, lastDay, Ct));
        Assert.Equal(new ReceiptNumber("BL27E", 1), await receipts.NextAsync(7101, newYear, Ct));
        Assert.Equal("0000002", new ReceiptNumber("BL26E", 2).Printed);
    }
}
