# Makes this PC a ccpos self-service kiosk with Assigned Access's Shell Launcher (see
# ccpos-kiosk-shell.xml): an account that logs on by itself runs only the terminal,
# full screen, restarted whenever it exits. Run as SYSTEM (the MDM bridge refuses an
# administrator), e.g. `psexec.exe -i -s powershell.exe -File ccpos-kiosk-shell.ps1`.
# `-Remove` takes the configuration away again (the auto-logon account goes with it).
param([switch]$Remove)
$ErrorActionPreference = 'Stop'
$namespace = 'root\cimv2\mdm\dmmap'
$class = 'MDM_AssignedAccess'
$access = Get-CimInstance -Namespace $namespace -ClassName $class
if ($Remove) {
  $access.ShellLauncher = $null
  Set-CimInstance -CimInstance $access
  exit 0
}
Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null
$xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'ccpos-kiosk-shell.xml')
$access.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($xml)
Set-CimInstance -CimInstance $access
Write-Output 'ccpos kiosk shell configured; restart the PC to log on as the kiosk.'
