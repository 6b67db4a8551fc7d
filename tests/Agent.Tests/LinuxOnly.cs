using System.Runtime.Versioning;

// The agent and its host adapters run on Linux only (chroot, systemd, Unix file modes), and so do their tests.
[assembly: SupportedOSPlatform("linux")]
