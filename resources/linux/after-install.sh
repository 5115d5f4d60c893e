#!/bin/bash
# ccpos deb: after install (dpkg postinst). electron-builder fills in the two names in
# ${...} below. Besides what every Electron deb needs (the command in /usr/bin, the
# Chromium sandbox helper), it installs the scanners' udev rule, the systemd user unit
# and the kiosk session from the app's resources. CCPOS_INSTALL_ROOT is empty on a real
# install; the packaging test sets it to a scratch folder.
set -e
root="$CCPOS_INSTALL_ROOT"
app="$root/opt/${sanitizedProductName}"
command_name='${executable}'

# The command on the PATH, through alternatives where the system has them.
mkdir -p "$root/usr/bin"
if [ -z "$root" ] && type update-alternatives >/dev/null 2>&1; then
  update-alternatives --install "/usr/bin/$command_name" "$command_name" "$app/$command_name" 100 || ln -sf "$app/$command_name" "/usr/bin/$command_name"
else
  ln -sf "$app/$command_name" "$root/usr/bin/$command_name"
fi

# Chromium's setuid sandbox helper is needed only where unprivileged user namespaces are off.
if [ -e "$app/chrome-sandbox" ]; then
  if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
    chmod 0755 "$app/chrome-sandbox" || true
  else
    chmod 4755 "$app/chrome-sandbox" || true
  fi
fi

# Scanners and card readers: readable by the user at the seat without root.
rules_dir="$root/usr/lib/udev/rules.d"
[ -d "$root/usr/lib/udev" ] || [ ! -d "$root/lib/udev" ] || rules_dir="$root/lib/udev/rules.d"
mkdir -p "$rules_dir"
install -m 0644 "$app/resources/udev/70-ccpos-hid.rules" "$rules_dir/70-ccpos-hid.rules"

# The watchdog: a systemd user unit, enabled per user (see the README).
mkdir -p "$root/usr/lib/systemd/user"
install -m 0644 "$app/resources/linux/ccpos.service" "$root/usr/lib/systemd/user/ccpos.service"

# The self-service kiosk without a desktop (cage on tty1): installed, enabled by hand (see the README).
mkdir -p "$root/usr/lib/systemd/system"
install -m 0644 "$app/resources/linux/ccpos-cage.service" "$root/usr/lib/systemd/system/ccpos-cage.service"

# The kiosk session offered by the display manager.
mkdir -p "$root/usr/share/xsessions"
install -m 0644 "$app/resources/linux/ccpos-kiosk.desktop" "$root/usr/share/xsessions/ccpos-kiosk.desktop"
chmod 0755 "$app/resources/linux/ccpos-kiosk-session"

if [ -z "$root" ]; then
  if type udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=hidraw || true
  fi
  if type update-desktop-database >/dev/null 2>&1; then update-desktop-database /usr/share/applications || true; fi
fi
exit 0
