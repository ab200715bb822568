// One site process serves every test (see SiteFixture); run the tests one at a time against it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
