#!/usr/bin/env bash
# Builds the gSOAP peer of bench/src/bin/compare/ (bench/gsoap/read.cpp):
#
#     bash bench/gsoap/setup.sh OUT_DIR [WSDL_DIR]
#
# Installs the Debian packages gsoap (wsdl2h, soapcpp2) and libgsoap-dev (stdsoap2.h,
# libgsoap++) with apt-get when soapcpp2 or stdsoap2.h is missing (needs root), then in
# OUT_DIR: wsdl2h on Services87-CustomerService.wsdl (self-contained: its two xs:imports are
# the Microsoft serialization namespaces, declared inline) with the default typemap and STL
# (std::string, std::vector), soapcpp2 -C (client side: the serializers and soap_recv_* of
# each operation), and g++ -O2 of read.cpp with the generated sources against libgsoap++.
# Idempotent: does nothing when OUT_DIR/read is newer than read.cpp, typemap.dat, this script
# and the WSDL.
# Nothing it makes is checked in.
set -euo pipefail

out=${1:?usage: setup.sh OUT_DIR [WSDL_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
wsdl_dir=${2:-$here/../../wsdl/services87}
wsdl=$wsdl_dir/Services87-CustomerService.wsdl
exe=$out/read

if [[ -x $exe && $exe -nt $here/read.cpp && $exe -nt $here/setup.sh && $exe -nt $here/typemap.dat
      && $exe -nt $wsdl ]]; then
  exit 0
fi

if ! command -v soapcpp2 >/dev/null || ! command -v wsdl2h >/dev/null || [[ ! -f /usr/include/stdsoap2.h ]]; then
  echo "installing gsoap and libgsoap-dev with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y gsoap libgsoap-dev >&2 || { apt-get update >&2 && apt-get install -y gsoap libgsoap-dev >&2; }
fi

import=/usr/share/gsoap/import
mkdir -p "$out"
cd "$out"
echo "gsoap: wsdl2h and soapcpp2 on $(basename "$wsdl") in $out" >&2
# The default typemap (/usr/share/gsoap/WS/typemap.dat: xs:dateTime as time_t, as a user
# gets it out of the box) with bench/gsoap/typemap.dat appended (ConfigType read as a string:
# the payloads hold a value beyond its enumeration). -o: the header soapcpp2 reads.
cat /usr/share/gsoap/WS/typemap.dat "$here/typemap.dat" > typemap.dat
wsdl2h -t typemap.dat -o customer_service.h "$wsdl" >&2
# -C: client side only; -L: no soapClientLib; -x: no sample messages; -I: gSOAP's import dir
# (stlvector.h, soap12.h).
soapcpp2 -C -L -x -I"$import" customer_service.h >&2
nsmap=$(ls ./*.nsmap | head -n 1)
cp "$nsmap" customer_service.nsmap
# The library's own flags (pkg-config gsoap++), so that struct soap is laid out as it was built.
cflags=$(pkg-config --cflags gsoap++ 2>/dev/null || echo "-DWITH_IPV6 -DWITH_DOM")
libs=$(pkg-config --libs gsoap++ 2>/dev/null || echo "-lgsoap++")
echo "gsoap: g++ -O2 read.cpp" >&2
g++ -O2 -std=c++17 $cflags -I. -o read.tmp \
  "$here/read.cpp" soapC.cpp soapClient.cpp $libs
mv read.tmp read
