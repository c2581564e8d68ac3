using Portal.Core.Catalog;

namespace Portal.Core.Dossiers;

/// <summary>
/// One line of "Thành phần hồ sơ nộp gồm" on the receipt (Mẫu 01): a document the desk checked as actually received at
/// acceptance, in the form and number of copies the procedure asks, with how many uploaded files carry it.
/// </summary>
public sealed record ReceivedDocument(int RequirementIndex, string Name, DocumentForm Form, int Count, int Files);
