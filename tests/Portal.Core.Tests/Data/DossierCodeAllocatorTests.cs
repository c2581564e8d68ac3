using System.Collections.Concurrent;
using Portal.Core.Data;

namespace Portal.Core.Tests.Data;

public sealed class DossierCodeAllocatorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Eight_parallel_writers_never_get_the_same_code()
    {
        const int writers = 8;
        const int perWriter = 40;
        var day = new DateOnly(2026, 3, 2);
        var codes = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                // A new context (and connection) per code, as separate requests or nodes would have.
                await using var db = fixture.Database.NewContext();
                codes.Add(await new DossierCodeAllocator(db).NextAsync("000.20.01.H31", day, TestContext.Current.CancellationToken));
            }
        })));

        Assert.Equal(writers * perWriter, codes.Distinct().Count());
        var expected = Enumerable.Range(1, writers * perWriter).Select(n => DossierCodeAllocator.Format("000.20.01.H31", day, n));
        Assert.Equal(expected.Order(), codes.Order());
    }

    [Fact]
    public async Task Sequences_are_per_agency_and_per_day()
    {
        await using var db = fixture.Database.NewContext();
        var allocator = new DossierCodeAllocator(db);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("000.00.03.H31-260401-0001", await allocator.NextAsync("000.00.03.H31", new DateOnly(2026, 4, 1), ct));
        Assert.Equal("000.00.03.H31-260401-0002", await allocator.NextAsync("000.00.03.H31", new DateOnly(2026, 4, 1), ct));
        Assert.Equal("000.00.03.H31-260402-0001", await allocator.NextAsync("000.00.03.H31", new DateOnly(2026, 4, 2), ct));
        Assert.Equal("000.00.04.H31-260401-0001", await allocator.NextAsync("000.00.04.H31", new DateOnly(2026, 4, 1), ct));
    }

    [Fact]
    public async Task A_code_is_committed_on_its_own_so_a_filing_that_fails_afterwards_leaves_a_gap_not_a_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        var day = new DateOnly(2026, 5, 4);
        await using (var db = fixture.Database.NewContext())
        {
            var first = await new DossierCodeAllocator(db).NextAsync("000.00.05.H31", day, ct);
            Assert.Equal("000.00.05.H31-260504-0001", first);

            // The filing that took it fails before saving its dossier (its context goes away): the code stays taken.
        }

        await using (var db = fixture.Database.NewContext())
        {
            Assert.Equal("000.00.05.H31-260504-0002", await new DossierCodeAllocator(db).NextAsync("000.00.05.H31", day, ct));

            // Taken inside a transaction, the day's row would stay locked until that transaction ends: refused.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await Assert.ThrowsAsync<InvalidOperationException>(() => new DossierCodeAllocator(db).NextAsync("000.00.05.H31", day, ct));
        }
    }

    [Fact]
    public void The_pin_has_six_digits() =>
        Assert.All(Enumerable.Range(0, 200).Select(_ => DossierCodeAllocator.NewPin()), pin => Assert.Matches("^[0-9]{6}$", pin));
}
