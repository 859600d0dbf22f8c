using SnsDashboard.Web.Hosting;

DashboardApp.Build(args).Run();

public partial class Program;
