using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Data;

/// <summary>The data-protection key ring, shared by every node of one installation (see the web host's DataProtectionSetup).</summary>
public abstract partial class PortalDb : IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    // A key's XML is a few kilobytes, more once encrypted with the certificate: not the model's 400-character default.
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.Property(x => x.Xml).HaveMaxLengthFor(int.MaxValue);
}
