namespace Portal.Core.Catalog;

public enum AgencyLevel : byte
{
    Province = 1,
    Department = 2,
    Commune = 3,
}

/// <summary>
/// An agency (cơ quan) with its QCVN 102:2016 code, e.g. <c>000.00.31.H31</c>. Since 1/7/2025 the province has two
/// tiers: the province (UBND thành phố) with its departments, and the communes, wards and special zones. An agency
/// is never deleted: a merged or deactivated one keeps its dossiers and its figures, it only takes no new dossiers.
/// </summary>
public sealed class Agency
{
    private readonly List<AgencyNameHistory> _formerNames = [];

    private Agency()
    {
        Code = Name = string.Empty;
    }

    public Agency(string code, string name, AgencyLevel level, int? parentId = null, string? address = null)
    {
        Code = code;
        Name = name;
        Level = level;
        ParentId = parentId;
        Address = address;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public AgencyLevel Level { get; private set; }
    public int? ParentId { get; private set; }

    /// <summary>Where results are collected (printed on the receipt).</summary>
    public string? Address { get; private set; }

    /// <summary>False once merged or deactivated: hidden from filing, the counter and new offerings.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>The agency this one was merged into (its successor), and the local date the merger took effect.</summary>
    public int? MergedIntoId { get; private set; }

    public DateOnly? MergedAt { get; private set; }

    /// <summary>The date the current name has been in use since (null: since before the portal knew it).</summary>
    public DateOnly? NamedSince { get; private set; }

    /// <summary>The names it carried before, with the dates each was in use.</summary>
    public IReadOnlyList<AgencyNameHistory> FormerNames => _formerNames;

    /// <summary>
    /// Gives the agency a new name from a date on; the old name is kept with the dates it was in use. A change of
    /// address alone is no rename and leaves no history line.
    /// </summary>
    public void Rename(string name, string? address, DateOnly from)
    {
        DomainException.Ensure(IsActive, "Cơ quan đã ngừng hoạt động hoặc đã sáp nhập, không đổi tên được.",
            "The agency is merged or deactivated and cannot be renamed.");
        if (!string.Equals(name, Name, StringComparison.Ordinal))
        {
            DomainException.Ensure(NamedSince is not { } since || from > since,
                $"Ngày đổi tên phải sau ngày {NamedSince:dd/MM/yyyy} (ngày bắt đầu dùng tên hiện tại).",
                $"The renaming date must be after {NamedSince:dd/MM/yyyy}, when the current name came into use.");
            _formerNames.Add(new AgencyNameHistory(Name, NamedSince, from.AddDays(-1)));
            Name = name;
            NamedSince = from;
        }

        Address = address;
    }

    /// <summary>Marks the agency merged into its successor from a date: it takes no new dossiers from then on.</summary>
    public void MergeInto(Agency successor, DateOnly at)
    {
        DomainException.Ensure(successor.Id != Id, "Không thể sáp nhập một cơ quan vào chính nó.", "An agency cannot be merged into itself.");
        DomainException.Ensure(IsActive, "Cơ quan này đã sáp nhập hoặc đã ngừng hoạt động.", "This agency is already merged or deactivated.");
        DomainException.Ensure(successor.IsActive, "Cơ quan tiếp nhận đã sáp nhập hoặc đã ngừng hoạt động.",
            "The receiving agency is itself merged or deactivated.");
        DomainException.Ensure(Level != AgencyLevel.Province, "Không sáp nhập được UBND cấp tỉnh.", "The province itself cannot be merged.");
        DomainException.Ensure(successor.Level == Level, "Chỉ sáp nhập được vào cơ quan cùng cấp.", "An agency can only be merged into one of the same level.");
        MergedIntoId = successor.Id;
        MergedAt = at;
        IsActive = false;
    }

    /// <summary>Takes the agency out of service (no new dossiers); the caller checks it has no open dossiers.</summary>
    public void Deactivate()
    {
        DomainException.Ensure(IsActive, "Cơ quan đã ngừng hoạt động hoặc đã sáp nhập.", "The agency is already merged or deactivated.");
        DomainException.Ensure(Level != AgencyLevel.Province, "Không ngừng hoạt động được UBND cấp tỉnh.", "The province itself cannot be deactivated.");
        IsActive = false;
    }
}

/// <summary>A name an agency carried, and the dates it was in use (From null: since before the portal knew it).</summary>
public sealed class AgencyNameHistory
{
    private AgencyNameHistory()
    {
        Name = string.Empty;
    }

    internal AgencyNameHistory(string name, DateOnly? from, DateOnly until)
    {
        Name = name;
        From = from;
        Until = until;
    }

    public long Id { get; private set; }
    public int AgencyId { get; private set; }
    public string Name { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly Until { get; private set; }
}

public sealed class Sector
{
    private Sector()
    {
        Code = Name = string.Empty;
    }

    public Sector(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
}
