using System.Text;
using Portal.Core.Catalog;
using Portal.Core.Statistics;

namespace Portal.Core.Tests.Statistics;

public sealed class ScorecardTests
{
    private static Figures FiguresWith(long received, long online, long online766, long synced)
    {
        var inPeriod = new long[Counters.Count];
        inPeriod[(int)Counter.ReceivedOnline] = online;
        inPeriod[(int)Counter.ReceivedInPerson] = received - online;
        inPeriod[(int)Counter.Online766] = online766;
        inPeriod[(int)Counter.Synced] = synced;
        return Figures.From(inPeriod, new long[Counters.Count], new long[Counters.Count], new long[Counters.Count]);
    }

    [Fact]
    public void The_embedded_configuration_has_six_groups_worth_100_points_and_its_items_add_up_to_each_group()
    {
        var version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 1, 1));
        Assert.Equal("766-2022", version.Id);
        Assert.Equal([18d, 20, 12, 10, 22, 18], version.Groups.Select(g => g.Max));
        Assert.Equal(100, version.Max);
        var online = Assert.Single(version.Items, i => i.Metric == ScoreMetric.OnlineRate766);
        Assert.Equal(0.5, online.FullAt);
    }

    [Fact]
    public void The_online_rate_scores_in_proportion_below_50_percent_and_full_marks_above()
    {
        var item = new ScorecardItemConfig("3.3", "x", "x", ScoreMetric.OnlineRate766, 8, 0.5);
        Assert.Equal(4, Scorecard.PointsFor(item, 0.25), 6);
        Assert.Equal(8, Scorecard.PointsFor(item, 0.5), 6);
        Assert.Equal(8, Scorecard.PointsFor(item, 0.9), 6);
    }

    [Fact]
    public void The_766_rate_is_online_with_a_result_over_all_received_times_the_sync_rate()
    {
        var f = FiguresWith(received: 200, online: 120, online766: 100, synced: 180);
        Assert.Equal(0.6, f.PlainOnlineShare!.Value, 9);
        Assert.Equal(100.0 / 200 * (180.0 / 200), f.OnlineRate766!.Value, 9);
        Assert.Equal(20, f[Figure.OnlineWithoutResult]);
        Assert.Equal(20, f[Figure.Unsynced]);
    }

    [Fact]
    public void Items_the_portal_cannot_compute_are_left_out_of_the_scaled_score()
    {
        var version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 1, 1));
        var card = Scorecard.Compute(version, m => m == ScoreMetric.OnlineRate766 ? 0.25 : 1.0);
        Assert.Equal(88, card.ScoredMax);
        Assert.Equal(88 - 4, card.Points, 6);
        Assert.Equal((88 - 4) / 88.0 * 100, card.Scaled!.Value, 6);
        Assert.All(card.Groups.SelectMany(g => g.Items).Where(i => i.Item.Metric is null), i => Assert.False(i.IsScored));
    }

    [Fact]
    public void A_newer_version_of_the_formula_applies_from_its_effective_date_and_a_bad_one_is_refused()
    {
        var json = """
            {"versions":[
              {"id":"a","name":"A","nameEn":"A","effectiveFrom":"2022-06-23","groups":[{"code":"1","name":"n","nameEn":"n","max":100,"items":[{"code":"1.1","name":"i","nameEn":"i","metric":"OnlineRate766","max":100,"fullAt":0.5}]}]},
              {"id":"b","name":"B","nameEn":"B","effectiveFrom":"2026-07-01","groups":[{"code":"1","name":"n","nameEn":"n","max":100,"items":[{"code":"1.1","name":"i","nameEn":"i","metric":"OnlineRate766","max":100,"fullAt":0.8}]}]}],
             "defaultTargets":{"OnlineRate766":0.6},
             "channelShift":{"note":"n","noteEn":"n","fullOnline":1,"partialOnline":0.5,"informationOnly":0}}
            """;
        var config = StatisticsConfiguration.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("a", config.VersionAt(new DateOnly(2026, 6, 30)).Id);
        Assert.Equal("b", config.VersionAt(new DateOnly(2026, 7, 1)).Id);
        Assert.Equal(0.6, config.DefaultTarget(TargetMetric.OnlineRate766));

        var bad = json.Replace("\"max\":100,\"fullAt\":0.8", "\"max\":90,\"fullAt\":0.8", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => StatisticsConfiguration.Parse(new MemoryStream(Encoding.UTF8.GetBytes(bad))));
        Assert.Contains("phải bằng điểm tối đa của nhóm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_items_count_the_procedures_the_scope_offers()
    {
        var procedures = new[]
        {
            new StatisticsCatalog.ProcedureInfo(1, "1", "a", 1, true, ServiceType.FullOnline, true, true, [1]),
            new StatisticsCatalog.ProcedureInfo(2, "2", "b", 1, true, ServiceType.InformationOnly, true, true, [1]),
            new StatisticsCatalog.ProcedureInfo(3, "3", "c", 1, false, ServiceType.PartialOnline, false, true, [1]),
        };
        var values = Scorecard.MetricValues(Figures.Empty, procedures);
        Assert.Equal(2.0 / 3, values(ScoreMetric.PublishedProcedures)!.Value, 9);
        Assert.Equal(2.0 / 3, values(ScoreMetric.OnlineProcedures)!.Value, 9);
        Assert.Equal(0.5, values(ScoreMetric.PayableOnlineProcedures)!.Value, 9);
        Assert.Equal(["b"], Scorecard.CostlyProcedures(ScoreMetric.PayableOnlineProcedures, procedures).Select(p => p.Name));
        Assert.Null(values(ScoreMetric.SyncRate));
    }
}
