using Microsoft.EntityFrameworkCore;
using Portal.Core.Api;

namespace Portal.Core.Data;

public abstract partial class PortalDb
{
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
}
