using Portal.Core.Data;

namespace Portal.Core.Processing;

/// <summary>An official of an agency in one role (a person with two roles is two rows).</summary>
public sealed record StaffMember(Guid Id, string FullName, int AgencyId, string Role, string? Email);

/// <summary>
/// The officials of some agencies holding some roles: whom a step goes to (<see cref="AssigneePicker"/>), whom a deadline or a
/// request for an opinion is mailed to. Callers filter what comes back in memory (the rows are few; a filter on the
/// projection would not translate).
/// </summary>
public static class StaffDirectory
{
    public static IQueryable<StaffMember> Of(PortalDb db, IReadOnlyCollection<int> agencies, IReadOnlyCollection<string> roles) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where u.AgencyId != null && agencies.Contains(u.AgencyId.Value) && roles.Contains(r.Name!)
        select new StaffMember(u.Id, u.FullName, u.AgencyId!.Value, r.Name!, u.Email);
}
