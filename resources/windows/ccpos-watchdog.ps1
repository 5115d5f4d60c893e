# ccpos watchdog for Windows: starts the terminal and starts it again when it exits
# abnormally (a crash, or an exit code other than 0). A deliberate quit (exit code 0)
# ends the watchdog too. Run at logon by the scheduled task in ccpos-watchdog.xml.
# Ten abnormal exits within ten minutes: stop, so the event log and the app's logs show why.
$ErrorActionPreference = 'Stop'
$app = Join-Path $PSScriptRoot '..\..\ccpos-terminal.exe'
$failures = New-Object System.Collections.Generic.List[datetime]
while ($true) {
  $process = Start-Process -FilePath $app -PassThru -Wait
  if ($process.ExitCode -eq 0) { exit 0 }
  $now = Get-Date
  $failures.Add($now)
  $failures.RemoveAll({ param($t) ($now - $t).TotalMinutes -gt 10 }) | Out-Null
  Write-EventLog -LogName Application -Source 'ccpos' -EventId 1000 -EntryType Warning -Message "ccpos exited with code $($process.ExitCode); restarting." -ErrorAction SilentlyContinue
  if ($failures.Count -ge 10) { exit 1 }
  Start-Sleep -Seconds 3
}
