#!/bin/bash
# ccpos deb: after remove (dpkg postrm). On an upgrade the new version's after-install
# puts everything back, so only a removal or purge takes the system files away.
# CCPOS_INSTALL_ROOT: see after-install.sh.
set -e
root="$CCPOS_INSTALL_ROOT"
command_name='${executable}'
case "$1" in
  upgrade|failed-upgrade|abort-install|abort-upgrade|disappear) exit 0 ;;
esac

if [ -z "$root" ] && type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove "$command_name" '/opt/${sanitizedProductName}/${executable}' || true
fi
rm -f "$root/usr/bin/$command_name"
rm -f "$root/usr/lib/udev/rules.d/70-ccpos-hid.rules" "$root/lib/udev/rules.d/70-ccpos-hid.rules"
rm -f "$root/usr/lib/systemd/user/ccpos.service"
rm -f "$root/usr/share/xsessions/ccpos-kiosk.desktop"
if [ -z "$root" ] && type systemctl >/dev/null 2>&1; then systemctl disable --now ccpos-cage.service 2>/dev/null || true; fi
rm -f "$root/usr/lib/systemd/system/ccpos-cage.service"
if [ -z "$root" ] && type udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
exit 0
