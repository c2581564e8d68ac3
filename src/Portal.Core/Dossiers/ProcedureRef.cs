namespace Portal.Core.Dossiers;

/// <summary>The catalogue facts a dossier is bound to when it is created: the procedure, its version and sector.</summary>
public readonly record struct ProcedureRef(int ProcedureId, int VersionId, int SectorId);
