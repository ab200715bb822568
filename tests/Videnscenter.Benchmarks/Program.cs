using Videnscenter.Benchmarks.Cluster;
using Videnscenter.Benchmarks.Pages;
using Videnscenter.Benchmarks.Search;

// Benchmarks print figures; they are commands, not timed tests.
//   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- search [--sizes 1000,10000,100000] [--timed 2000] [--verbose]
//   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- search --corpus FILE.jsonl --queries FILE.txt --hits OUT.tsv
//   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- relevance [--sizes 10000] [--verbose]
//   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- pages [--seconds 10] [--accept-encoding br]
//   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- cluster [--items 100]
switch (args.FirstOrDefault())
{
    case "search":
        return SearchBenchmark.Run(args[1..]);
    case "relevance":
        return RelevanceBenchmark.Run(args[1..]);
    case "image":
        return Videnscenter.Benchmarks.Images.ImageBenchmark.Run(args[1..]);
    case "pages":
        return await PageBenchmark.RunAsync(args[1..]);
    case "cluster":
        return await ClusterBenchmark.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: Videnscenter.Benchmarks search [--sizes N,N,…] [--timed N] [--verbose] [--corpus FILE.jsonl --queries FILE.txt --hits OUT.tsv]");
        Console.Error.WriteLine("       Videnscenter.Benchmarks relevance [--sizes N,N,…] [--verbose]");
        Console.Error.WriteLine("       Videnscenter.Benchmarks pages [--seconds N] [--accept-encoding br]");
        Console.Error.WriteLine("       Videnscenter.Benchmarks cluster [--items N]");
        return 2;
}
