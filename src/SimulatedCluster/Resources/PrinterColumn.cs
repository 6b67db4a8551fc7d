namespace Orchestrator.SimulatedCluster.Resources;

/// <summary>One additionalPrinterColumn of a CustomResourceDefinition version: what `kubectl get` shows for it.</summary>
public sealed record PrinterColumn(string Name, string Type, string Format, string JsonPath, int Priority, string Description);
