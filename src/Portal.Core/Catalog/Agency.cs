namespace Portal.Core.Catalog;

public enum AgencyLevel : byte
{
    Province = 1,
    Department = 2,
    Commune = 3,
}

/// <summary>An agency (cơ quan) with its QCVN 102:2016 code, e.g. <c>000.00.31.H31</c>.</summary>
public sealed class Agency
{
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

    public void Rename(string name, string? address)
    {
        Name = name;
        Address = address;
    }
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
