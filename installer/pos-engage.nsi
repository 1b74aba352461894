; NSIS installer for pos-engage (the fallback to the MSI). Build: makensis -DDIST=<frozen folder>
; -DVERSION=<x.y.z> -DOUTFILE=<exe> installer/pos-engage.nsi
; Silent: pos-engage-setup.exe /S /STORE=12 /TILL=3 /ENGAGEURL=https://tenant.voyado.com
; Every message box has a silent default (/SD), so /S never waits for a click.
Unicode true
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "pos-engage-setup.exe"
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\pos-engage"

Name "pos-engage ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\pos-engage"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show

Var Store
Var Till
Var EngageUrl

Section "pos-engage" Main
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "pos-engage"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "pos-engage"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  CreateDirectory "$SMPROGRAMS\pos-engage"
  CreateShortcut "$SMPROGRAMS\pos-engage\pos-engage.lnk" "$INSTDIR\pos-engage.exe"

  ; Store settings given on the command line go to IT's machine-wide configuration.
  ${GetParameters} $0
  ${GetOptions} $0 "/STORE=" $Store
  ${GetOptions} $0 "/TILL=" $Till
  ${GetOptions} $0 "/ENGAGEURL=" $EngageUrl
  StrCpy $1 ""
  ${If} $Store != ""
    StrCpy $1 '$1 --store "$Store"'
  ${EndIf}
  ${If} $Till != ""
    StrCpy $1 '$1 --till "$Till"'
  ${EndIf}
  ${If} $EngageUrl != ""
    StrCpy $1 '$1 --base-url "$EngageUrl"'
  ${EndIf}
  ${If} $1 != ""
    nsExec::ExecToLog '"$INSTDIR\pos-engage-cli.exe" configure --machine$1'
    Pop $2
    ${If} $2 != 0
      MessageBox MB_OK|MB_ICONEXCLAMATION "The store settings could not be written (exit $2). Run pos-engage-cli configure as IT." /SD IDOK
      ; A silent install must not report success to the deployment tool: the till is not configured.
      SetErrorLevel 2
    ${EndIf}
  ${EndIf}
SectionEnd

Section "Uninstall"
  ; The journal (the till user's data folder) is never removed here. While entries are undelivered the
  ; uninstaller refuses, unless /FORCE is given.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/FORCE" $1
  ${If} ${Errors}
    nsExec::ExecToLog '"$INSTDIR\pos-engage-cli.exe" uninstall-check'
    Pop $2
    ; Only 0 means nothing would be lost: 3 is undelivered sales, anything else (a broken configuration, a
    ; journal it cannot read, the check not running at all) means it could not tell.
    ${If} $2 != 0
      MessageBox MB_OK|MB_ICONSTOP "Sales or registrations may not be delivered to Engage yet (uninstall-check exit $2; its log says why). Deliver or export them first, or uninstall with /FORCE." /SD IDOK
      Abort
    ${EndIf}
  ${EndIf}
  ; /PURGE: also remove the data folder (journal, exports, logs) of the user running the uninstaller; only
  ; reached when nothing is undelivered (or /FORCE was given on purpose).
  ClearErrors
  ${GetOptions} $0 "/PURGE" $1
  ${IfNot} ${Errors}
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\pos-engage"
  ${EndIf}
  RMDir /r "$SMPROGRAMS\pos-engage"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
