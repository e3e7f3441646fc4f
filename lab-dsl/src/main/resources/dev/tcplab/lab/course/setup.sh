#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (in /autograder/source).
# It installs what grading needs from Debian/Ubuntu packages; the toolkit itself is in lib/ of this
# zip, so nothing is downloaded from Maven. TCPLAB_SKIP_APT=1 skips the install (a test does).
set -euo pipefail
cd "$(dirname "$0")"
if [ "${TCPLAB_SKIP_APT:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # a JDK for the grader; bubblewrap is the sandbox student code runs in (grading refuses to run
  # submission code without one)
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless bubblewrap >/dev/null
fi
# the exercises and their solutions: readable by root (the grader) only; student code runs as
# uid 65534 inside bubblewrap, which does not even bind this folder
chmod -R go-rwx labs
java -version 2>&1 | head -1
java -cp "lib/*" dev.tcplab.lab.cli.Main list labs >/dev/null
echo "tcplab autograder ready: $(ls labs | tr '\n' ' ')"
