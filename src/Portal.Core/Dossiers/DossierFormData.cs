namespace Portal.Core.Dossiers;

/// <summary>The e-form answers as filed (a JSON object keyed by field), kept apart to keep the dossier row lean.</summary>
public sealed class DossierFormData
{
    private DossierFormData()
    {
        Json = "{}";
    }

    internal DossierFormData(string json, DateTime at)
    {
        Json = json;
        UpdatedAt = at;
    }

    public long DossierId { get; private set; }
    public string Json { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    internal void Replace(string json, DateTime at)
    {
        Json = json;
        UpdatedAt = at;
    }
}
