namespace Workbench.Tests;
public class Smoke { [Fact] public void Version_IsSet() => Assert.False(string.IsNullOrEmpty(WorkbenchInfo.Version)); }
