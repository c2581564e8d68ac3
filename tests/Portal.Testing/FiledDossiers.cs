using Portal.Core.Catalog;
using Portal.Core.Data.Seeding;
using Portal.Core.Dossiers;

namespace Portal.Testing;

/// <summary>Online dossiers made straight through the aggregate, as complete as filing would have made them.</summary>
public static class FiledDossiers
{
    /// <summary>
    /// A file for every mandatory document of the version that has none yet (the demo's one scanned page), as filing
    /// demands; the dossier's documents must be loaded.
    /// </summary>
    public static void AttachMandatoryFiles(Dossier dossier, ProcedureVersion version, Guid? uploadedBy, DateTime at)
    {
        for (var i = 0; i < version.Documents.Count; i++)
        {
            var index = i;
            if (version.Documents[i].Mandatory && !dossier.Documents.Any(d => d.RequirementIndex == index && d.Kind == DocumentKind.Submitted))
            {
                dossier.AddDocument(new DossierDocument(DocumentKind.Submitted, i, version.Documents[i].Name, $"giay-to-{i + 1}.pdf", "application/pdf", 100,
                    new string('a', 64), DemoSeeder.PlaceholderScanKey, at, uploadedBy), at);
            }
        }
    }
}
