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

        foreach (var metric in new[] { ScoreMetric.PublishedProcedures, ScoreMetric.OnlineProcedures, ScoreMetric.PayableOnlineProcedures })
        {
            var (counted, measured) = Scorecard.CatalogueSets(metric, procedures);
            Assert.Equal(values(metric)!.Value, (double)counted.Count / measured.Count, 9);
            Assert.Equal(measured.Except(counted).Select(p => p.Id), Scorecard.CostlyProcedures(metric, procedures).Select(p => p.Id));
        }
    }

    private static readonly StatisticsCatalog.ProcedureInfo[] FullCatalogue = [new(1, "1", "a", 1, true, ServiceType.FullOnline, true, true, [1])];

    [Fact]
    public void A_group_with_no_item_computed_has_no_points_rather_than_zero_and_is_left_out_of_the_score()
    {
        var version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 1, 1));
        // Dossiers received but none finished, in progress, decided or rated: timeliness and satisfaction have nothing to measure.
        var card = Scorecard.Compute(version, m => m is ScoreMetric.OnTimeRate or ScoreMetric.SatisfactionRate or ScoreMetric.ElectronicResultRate ? null : 1.0);
        var timeliness = card.Groups.Single(g => g.Group.Code == "2");
        var satisfaction = card.Groups.Single(g => g.Group.Code == "6");
        var digitisation = card.Groups.Single(g => g.Group.Code == "5");
        Assert.Null(timeliness.Points);
        Assert.False(timeliness.IsScored);
        Assert.Null(satisfaction.Points);
        Assert.Equal(8, digitisation.Points!.Value, 6);
        Assert.Equal(8, digitisation.ScoredMax);
        Assert.Equal(18 + 12 + 10 + 8, card.ScoredMax);
        Assert.Equal(card.Groups.Sum(g => g.ScoredMax), card.ScoredMax);
        Assert.Equal(100, card.Scaled!.Value, 6);
    }

    [Fact]
    public void An_agency_without_dossiers_is_listed_after_the_ranked_agencies_without_a_rank_even_with_a_full_catalogue()
    {
        var version = StatisticsConfiguration.Load(null).VersionAt(new DateOnly(2026, 1, 1));
        var busy = FiguresWith(received: 1000, online: 300, online766: 250, synced: 900);
        var carriedOnly = new long[Counters.Count];
        carriedOnly[(int)Counter.ReceivedInPerson] = 5;
        var carried = Figures.From(new long[Counters.Count], carriedOnly, carriedOnly, carriedOnly);
        Assert.True(busy.HasDossiers);
        Assert.True(carried.HasDossiers);
        Assert.False(Figures.Empty.HasDossiers);

        var idle = Scorecard.Compute(version, Figures.Empty, FullCatalogue);
        Assert.Equal(100, idle.Scaled!.Value, 6);
        var ranking = Scorecard.Rank(
        [
            (1, "A idle", idle, Figures.Empty),
            (2, "B busy", Scorecard.Compute(version, busy, FullCatalogue), busy),
            (3, "C busy too", Scorecard.Compute(version, busy, FullCatalogue), busy),
            (4, "D carried over", Scorecard.Compute(version, carried, FullCatalogue), carried),
        ]);

        Assert.Equal([4, 2, 3, 1], ranking.Select(r => r.AgencyId));
        Assert.Equal(1, ranking[0].Rank);
        Assert.Equal([2, 2], ranking.Skip(1).Take(2).Select(r => r.Rank));
        Assert.Null(ranking[3].Rank);
        Assert.False(ranking[3].IsRanked);
    }

    [Fact]
    public void Each_item_s_value_is_the_product_of_its_listed_fractions_and_its_costly_dossiers_are_what_the_denominators_hold_beyond_the_numerators()
    {
        var random = new Random(766);
        for (var round = 0; round < 50; round++)
        {
            long[] Counts() => Enumerable.Range(0, Counters.Count).Select(_ => (long)random.Next(0, 60)).ToArray();
            var inPeriod = Counts();
            var figures = Figures.From(inPeriod, Counts(), Counts(), Counts());
            var values = Scorecard.MetricValues(figures, FullCatalogue);
            foreach (var metric in Enum.GetValues<ScoreMetric>().Where(m => !Scorecard.IsCatalogue(m)))
            {
                var ratios = Scorecard.ValueFigures(metric);
                Assert.NotEmpty(ratios);
                var parts = ratios.Select(r => r.Of(figures)).ToList();
                double? product = parts.Any(p => p is null) ? null : parts.Aggregate(1.0, (a, p) => a * p!.Value);
                Assert.Equal(values(metric) is null, product is null);
                if (product is { } v)
                {
                    Assert.Equal(values(metric)!.Value, v, 9);
                }

                var beyond = ratios.Sum(r => r.Denominator.Sum(f => figures[f]) - r.Numerator.Sum(f => figures[f]));
                Assert.Equal(beyond, Scorecard.CostlyFigures(metric).Sum(f => figures[f]));

                // The figure a numerator's link opens counts exactly the numerator.
                foreach (var ratio in ratios)
                {
                    Assert.Equal(ratio.Numerator.Sum(f => figures[f]), figures[ratio.CountedFigure]);
                }
            }

            // A target's rate links to its numerator and lists what its denominator holds beyond it.
            foreach (var target in Enum.GetValues<TargetMetric>())
            {
                if (TargetMetrics.ScoreMetricOf(target) is { } item)
                {
                    Assert.Equal(Scorecard.ValueFigures(item)[0].CountedFigure, TargetMetrics.Counted(target));
                    Assert.Equal(Scorecard.CostlyFigures(item), TargetMetrics.Costly(target));
                }
            }

            Assert.Equal(figures[Figure.ReceivedOnline], figures[TargetMetrics.Counted(TargetMetric.PlainOnlineShare)!.Value]);
            Assert.Equal(figures.Received - figures[Figure.ReceivedOnline], TargetMetrics.Costly(TargetMetric.PlainOnlineShare).Sum(f => figures[f]));
            Assert.Null(TargetMetrics.Counted(TargetMetric.Score766));
        }
    }

    [Fact]
    public void Every_target_but_the_plain_share_and_the_score_follows_a_766_item()
    {
        var followed = Enum.GetValues<TargetMetric>().Where(t => TargetMetrics.ScoreMetricOf(t) is not null).ToList();
        Assert.Equal(Enum.GetValues<TargetMetric>().Except([TargetMetric.PlainOnlineShare, TargetMetric.Score766]), followed);
        Assert.Equal(followed.Count, followed.Select(TargetMetrics.ScoreMetricOf).Distinct().Count());
    }
}
