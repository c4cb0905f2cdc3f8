<#
.SYNOPSIS
  Installs pims on Windows from this checkout: builds it, installs pims-host, pims and
  pims-install, registers pims-host with every browser found (registry keys under HKCU, no
  administrator needed), builds the extension and prints how to load it.

.DESCRIPTION
  The Windows counterpart of install.sh. NOT TESTED: pims is developed and tested on Linux, and
  pims-host does not build on Windows yet (it uses POSIX calls). See docs/install.md, "Windows".

  Needs, on PATH: cmake (3.25+), ninja, a C++20 compiler (run from a "Developer PowerShell for
  Visual Studio"), and the libraries of the build (libsodium, SQLiteCpp, nlohmann-json, libpsl,
  libidn2, pkg-config), for example from vcpkg: when VCPKG_ROOT is set, its toolchain file is used.
  Node.js (npm) for the extension.

.PARAMETER Prefix
  Where to install (default: %LOCALAPPDATA%\Programs\pims; the programs go to <Prefix>\bin).

.PARAMETER Uninstall
  Undo a previous install: unregister pims-host (pims-install uninstall) and remove the installed
  files. The vault (%APPDATA%\pims) is kept.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File .\install.ps1
  powershell -ExecutionPolicy Bypass -File .\install.ps1 -Uninstall
#>
[CmdletBinding()]
param(
  [string]$Prefix = (Join-Path $env:LOCALAPPDATA 'Programs\pims'),
  [switch]$Uninstall
)
$ErrorActionPreference = 'Stop'
$Repo = $PSScriptRoot
$Build = Join-Path $Repo 'build-release'
$PimsInstall = Join-Path $Prefix 'bin\pims-install.exe'
$PimsHost = Join-Path $Prefix 'bin\pims-host.exe'

function Step([string]$Text) { Write-Host "`n==> $Text" }
function Need([string]$Command, [string]$Hint) {
  if (-not (Get-Command $Command -ErrorAction SilentlyContinue)) {
    throw "install.ps1: '$Command' is not on PATH. $Hint"
  }
}

if ($Uninstall) {
  if (Test-Path $PimsInstall) {
    & $PimsInstall uninstall
  } else {
    Write-Host "install.ps1: $PimsInstall is not there; skipping the browser registrations."
  }
  $Listed = Join-Path $Build 'install_manifest.txt'
  $Files = @()
  if (Test-Path $Listed) {
    $Files = Get-Content $Listed | Where-Object { $_.StartsWith($Prefix.Replace('\', '/')) -or $_.StartsWith($Prefix) }
  }
  if ($Files.Count -eq 0) {
    $Files = @($PimsHost, (Join-Path $Prefix 'bin\pims.exe'), $PimsInstall)
  }
  foreach ($File in $Files) {
    if (Test-Path $File) { Remove-Item -Force $File; Write-Host "removed $File" }
  }
  Write-Host "pims is uninstalled. Your vault, if you made one, is kept in $env:APPDATA\pims."
  exit 0
}

Need 'cmake' 'Install CMake (winget install Kitware.CMake) and reopen the prompt.'
Need 'ninja' 'Install Ninja (winget install Ninja-build.Ninja) and reopen the prompt.'

Step "Building pims (Release) in build-release\"
$Configure = @('-S', $Repo, '-B', $Build, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release', '-DPIMS_BUILD_TESTS=OFF')
if ($env:VCPKG_ROOT) {
  $Configure += "-DCMAKE_TOOLCHAIN_FILE=$(Join-Path $env:VCPKG_ROOT 'scripts\buildsystems\vcpkg.cmake')"
}
& cmake @Configure
if ($LASTEXITCODE -ne 0) { throw 'install.ps1: CMake could not configure the build (see above).' }
& cmake --build $Build --parallel 2
if ($LASTEXITCODE -ne 0) { throw 'install.ps1: the build failed (see above).' }

Step "Installing pims-host, pims and pims-install under $Prefix"
& cmake --install $Build --prefix $Prefix
if ($LASTEXITCODE -ne 0) { throw 'install.ps1: cmake --install failed.' }

Step 'Registering pims-host with your browsers (HKCU)'
& $PimsInstall install --host-path $PimsHost
switch ($LASTEXITCODE) {
  0 { }
  4 { Write-Host "No browser found yet. Once you have one, run: `"$PimsInstall`" install" }
  default { Write-Host "Some registrations failed (see above); then run: `"$PimsInstall`" install" }
}

Step 'Building the browser extension'
$ExtChrome = Join-Path $Repo 'extension\dist\chrome'
$ExtFirefox = Join-Path $Repo 'extension\dist\firefox'
if (Test-Path (Join-Path $Repo 'extension\package.json')) {
  if (Get-Command npm -ErrorAction SilentlyContinue) {
    & npm --prefix (Join-Path $Repo 'extension') run build
    if ($LASTEXITCODE -ne 0) {
      Write-Host 'The extension did not build. If its tools are missing: npm --prefix extension install'
    }
  } else {
    Write-Host 'npm is not on PATH: install Node.js to build the extension.'
  }
} else {
  Write-Host 'extension\package.json is not there yet: skipping the extension build.'
}

Step 'Loading the extension'
$Found = & $PimsInstall list --found
foreach ($Line in $Found) {
  $Id, $Family, $State, $Name = $Line -split "`t"
  if ($Family -eq 'chromium') {
    $Page = switch ($Id) { 'edge' { 'edge://extensions' } 'brave' { 'brave://extensions' }
                           'vivaldi' { 'vivaldi://extensions' } 'opera' { 'opera://extensions' }
                           default { 'chrome://extensions' } }
    Write-Host "- ${Name}: open $Page, turn on Developer mode, click Load unpacked, choose $ExtChrome"
  } else {
    Write-Host "- ${Name}: open about:debugging, This Firefox, Load Temporary Add-on..., choose $ExtFirefox\manifest.json"
  }
}

Step 'Done'
Write-Host "Add $Prefix\bin to your PATH to use 'pims' and 'pims-install' from any prompt."
Write-Host "Create your vault with: pims init        Check the browsers with: pims-install status"
