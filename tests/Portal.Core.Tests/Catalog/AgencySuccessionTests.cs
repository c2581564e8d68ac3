using Portal.Core.Catalog;

namespace Portal.Core.Tests.Catalog;

/// <summary>Whose dossiers an agency's officials work after mergers, and who works a merged agency's dossiers.</summary>
public sealed class AgencySuccessionTests
{
    // Ward 1 merged into 2, later 2 into 3; ward 4 into 3 directly; 5 never merged.
    private static readonly AgencySuccession Mergers = new(new Dictionary<int, int> { [1] = 2, [2] = 3, [4] = 3 });

    [Fact]
    public void An_agency_acts_for_itself_and_every_agency_merged_into_it_down_the_chain()
    {
        Assert.Equal([1, 2, 3, 4], Mergers.ActsFor(3).Order());
        Assert.Equal([1, 2], Mergers.ActsFor(2).Order());
        Assert.Equal([1], Mergers.ActsFor(1));
        Assert.Equal([5], Mergers.ActsFor(5));
    }

    [Fact]
    public void A_merged_agencys_dossiers_are_worked_by_its_successors_up_the_chain_and_an_unmerged_one_by_itself()
    {
        Assert.Equal([1, 2, 3], Mergers.ActingFor(1));
        Assert.Equal([4, 3], Mergers.ActingFor(4));
        Assert.Equal([5], Mergers.ActingFor(5));
    }

    [Fact]
    public void A_loop_in_bad_data_ends_instead_of_hanging()
    {
        var loop = new AgencySuccession(new Dictionary<int, int> { [1] = 2, [2] = 1 });

        Assert.Equal([1, 2], loop.ActingFor(1));
        Assert.Equal([1, 2], loop.ActsFor(1).Order());
    }
}
