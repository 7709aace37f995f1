; LogoDesk's Windows installer (NSIS 3), built by scripts/windows/build.sh:
;   makensis -DVERSION=0.1.0 -DEXE=…/LogoDesk.exe -DICON=…/LogoDesk.ico -DOUTFILE=… logodesk.nsi
; Installs for all users into Program Files, adds a Start-menu shortcut and an
; "Apps & features" entry. Sign-ins (Credential Manager) and kept copies of
; replaced pictures (%APPDATA%\LogoDesk) live in each user's profile, so an
; upgrade (this installer over an older one) and an uninstall never touch them.
; Silent: Setup.exe /S, Uninstall.exe /S.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define APP "LogoDesk"
!define PUBLISHER "LogoDesk"
!define URL "https://github.com/logodesk/logodesk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\LogoDesk"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
; An upgrade goes where the previous version went.
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; Not "Run LogoDesk" on the finish page: it would start elevated, as the installer runs.
!define MUI_FINISHPAGE_TEXT "LogoDesk is installed. Start it from the Start menu."
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "LogoDesk will be removed from this computer. Your sign-ins (in Windows Credential Manager) and the kept copies of replaced pictures (in %APPDATA%\LogoDesk) stay in your user profile."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "LogoDesk needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "LogoDesk"
  SetOutPath "$INSTDIR"
  File "/oname=LogoDesk.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\LogoDesk.lnk" "$INSTDIR\LogoDesk.exe" "" "$INSTDIR\LogoDesk.exe" 0

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\LogoDesk.exe,0"
  WriteRegStr HKLM "${UNINST_KEY}" "URLInfoAbout" "${URL}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ; Only what the installer put there; user data lives in the profile, not here.
  Delete "$INSTDIR\LogoDesk.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\LogoDesk.lnk"
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd
