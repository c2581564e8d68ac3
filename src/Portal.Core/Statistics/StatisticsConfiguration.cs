using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Statistics;

/// <summary>What an item of the 766 scorecard is computed from.</summary>
public enum ScoreMetric
{
    PublishedProcedures,
    SyncRate,
    OnTimeRate,
    OnlineProcedures,
    OnlineRate766,
    PayableOnlineProcedures,
    OnlinePaymentRate,
    ElectronicResultRate,
    DigitisationRate,
    SatisfactionRate,
}

/// <summary>An item: full marks at <see cref="FullAt"/> or above, proportional below; without a metric the portal cannot compute it.</summary>
public sealed record ScorecardItemConfig(string Code, string Name, string NameEn, ScoreMetric? Metric, double Max, double FullAt);

public sealed record ScorecardGroupConfig(string Code, string Name, string NameEn, double Max, IReadOnlyList<ScorecardItemConfig> Items);

/// <summary>A version of the scorecard's formula, in force from a date: weights and thresholds are data, not code.</summary>
public sealed record ScorecardVersion(string Id, string Name, string NameEn, DateOnly EffectiveFrom, string? Caveat, string? CaveatEn,
    IReadOnlyList<ScorecardGroupConfig> Groups)
{
    public IEnumerable<ScorecardItemConfig> Items => Groups.SelectMany(g => g.Items);

    public double Max => Groups.Sum(g => g.Max);
}

/// <summary>How much of a procedure's walk-in volume is assumed able to move online, by service type.</summary>
public sealed record ChannelShiftAssumptions(string Note, string NoteEn, double FullOnline, double PartialOnline, double InformationOnly);

/// <summary>
/// The scorecard versions, the default yearly targets and the channel-shift assumptions: embedded in the product
/// (Resources/Statistics/scorecard-766.json) and replaceable by a file named in <c>Statistics:ConfigurationFile</c>.
/// </summary>
public sealed record StatisticsConfiguration(IReadOnlyList<ScorecardVersion> Versions, IReadOnlyDictionary<TargetMetric, double> DefaultTargets,
    ChannelShiftAssumptions ChannelShift)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The version in force on <paramref name="day"/> (the oldest one before any took effect).</summary>
    public ScorecardVersion VersionAt(DateOnly day) =>
        Versions.Where(v => v.EffectiveFrom <= day).MaxBy(v => v.EffectiveFrom) ?? Versions.MinBy(v => v.EffectiveFrom)!;

    public double DefaultTarget(TargetMetric metric) => DefaultTargets.TryGetValue(metric, out var value) ? value : 0;

    public static StatisticsConfiguration Load(string? file)
    {
        if (!string.IsNullOrWhiteSpace(file))
        {
            using var stream = File.OpenRead(file);
            return Parse(stream);
        }

        using var embedded = typeof(StatisticsConfiguration).Assembly.GetManifestResourceStream("Portal.Core.Resources.Statistics.scorecard-766.json")
            ?? throw new InvalidOperationException("The embedded scorecard configuration is missing.");
        return Parse(embedded);
    }

    public static StatisticsConfiguration Parse(Stream stream)
    {
        var config = JsonSerializer.Deserialize<StatisticsConfiguration>(stream, Json)
            ?? throw new InvalidOperationException("Cấu hình chỉ số 766 trống. / The 766 configuration is empty.");
        if (config.Versions.Count == 0)
        {
            throw new InvalidOperationException("Cấu hình chỉ số 766 không có phiên bản nào. / The 766 configuration has no version.");
        }

        foreach (var version in config.Versions)
        {
            foreach (var group in version.Groups)
            {
                var sum = group.Items.Sum(i => i.Max);
                if (Math.Abs(sum - group.Max) > 1e-9 || group.Items.Any(i => i.FullAt <= 0 || i.Max < 0))
                {
                    throw new InvalidOperationException(
                        $"Nhóm {group.Code} của phiên bản {version.Id}: tổng điểm các chỉ tiêu ({sum}) phải bằng điểm tối đa của nhóm ({group.Max}), ngưỡng phải lớn hơn 0. / Group {group.Code} of version {version.Id}: item points ({sum}) must add up to the group's maximum ({group.Max}), thresholds must be positive.");
                }
            }
        }

        return config;
    }
}
