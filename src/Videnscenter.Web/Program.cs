using Videnscenter.Web.Accounts;
using Videnscenter.Web.Caching;
using Videnscenter.Web.Cluster;
using Videnscenter.Web.Deployment;
using Videnscenter.Web.Discovery;
using Videnscenter.Web.Editing;
using Videnscenter.Web.Events;
using Videnscenter.Web.Home;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Media;
using Videnscenter.Web.Methods;
using Videnscenter.Web.Operations;
using Videnscenter.Web.Partners;
using Videnscenter.Web.Profiles;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Search;
using Videnscenter.Web.Sections;
using Videnscenter.Web.Slides;

// The site is a list of features, each in its own folder with its pages, services, storage and
// display template (see docs/architecture.md). Commands: no argument serves the site; "recipe"
// reruns the recipe and exits; "reindex" rebuilds the search index from the content store and exits;
// "export FILE" / "import FILE" write the whole site to one archive / restore one into an empty database.
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
var builder = WebApplication.CreateBuilder(SiteArchiveCommands.HostArgs(args, command));
var site = builder.AddHosting();
builder.AddOperations(site);

builder.Services
    .AddSections()
    .AddHome()
    .AddMethods()
    .AddProfiles()
    .AddRecoveryskolen(site.ConnectionString)
    .AddEvents()
    .AddPartners()
    .AddSlides()
    .AddSearch()
    .AddEditing()
    .AddMedia(site)
    .AddMail(builder.Configuration, site.ConnectionString)
    .AddAccounts(builder.Configuration, site.ConnectionString)
    .AddDeployment()
    .AddCaching()
    .AddCluster(site);

var app = builder.Build();

if (command is SiteArchiveCommands.Export or SiteArchiveCommands.Import)
    return await SiteArchiveCommands.RunAsync(app.Services, site, command, args);
await FirstRun.PrepareAsync(app.Services, site, command);
if (command is FirstRun.RecipeCommand or SearchFeature.ReindexCommand) return 0;

app.UseOperations();
app.UseHosting();
app.UseCaching();
app.MapHosting();
app.MapOperations();
app.MapSearch();
app.MapMedia();
app.MapDiscovery();

app.Run();
return 0;

/// <summary>For WebApplicationFactory in the tests.</summary>
public partial class Program;
