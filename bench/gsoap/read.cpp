// gSOAP's response deserializer and serializer over one payload file, for
// bench/src/bin/compare/. Built by bench/gsoap/setup.sh against the bindings wsdl2h and
// soapcpp2 generate from Services87-CustomerService.wsdl.
//
//     read [--budget SECONDS] [--min-iterations N] [--rounds R] [--write OUT] FILE
//
// FILE is a `GetAllCustomerCenterConfigs` response envelope. It is read into memory once;
// the generated soap_recv___ns1__GetAllCustomerCenterConfigs (what a gSOAP client does with
// the reply of a call: envelope, header, body, the response into the generated classes) reads
// it from memory through a frecv callback. One decode is checked: its configs are counted and
// the last one must carry its FieldProperties. Then decode (a fresh soap context state each
// time: soap_destroy + soap_end, as a client between calls) and encode (the decoded value
// written back as a response envelope, the way the generated server code does it:
// soap_serialize, then envelope, header, body and soap_put, into a reused std::string through
// an fsend callback) are timed in R rounds (default 6), each giving each a slice of
// SECONDS / R, after a warm-up; each runs until its share of SECONDS has passed and N calls
// were made. VmHWM of /proc/self/status is read after loading the file and after the first
// decode (the decoded value still alive). Prints one JSON line:
// {"file", "bytes", "iterations", "seconds", "decoded", "encode_iterations",
//  "encode_seconds", "encoded_bytes", "hwm_loaded", "hwm_decoded"} (memory in bytes).
// With --write, the first encode's output is written to OUT (compare reads it back with our
// reader and counts its configs). Exits non-zero, with a message on stderr, on any gSOAP error.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "soapH.h"
#include "customer_service.nsmap"

namespace {

// The input of a decode: the file's bytes and how far gSOAP has read.
struct Input {
  const std::vector<char>* bytes;
  size_t pos;
};

// Where the frecv and fsend callbacks find their buffers (soap->user).
struct Buffers {
  Input input;
  std::string output;
};

size_t recv_from_memory(struct soap* soap, char* buf, size_t len) {
  Input& in = static_cast<Buffers*>(soap->user)->input;
  size_t left = in.bytes->size() - in.pos;
  size_t n = left < len ? left : len;
  std::memcpy(buf, in.bytes->data() + in.pos, n);
  in.pos += n;
  return n;
}

int send_to_memory(struct soap* soap, const char* s, size_t n) {
  static_cast<Buffers*>(soap->user)->output.append(s, n);
  return SOAP_OK;
}

// A `key: value kB` line of /proc/self/status, in bytes (0 if missing).
unsigned long long proc_status_bytes(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  size_t key_len = std::strlen(key);
  while (std::getline(status, line)) {
    if (line.compare(0, key_len, key) == 0 && line.size() > key_len && line[key_len] == ':') {
      return std::strtoull(line.c_str() + key_len + 1, nullptr, 10) * 1024;
    }
  }
  return 0;
}

// `text` as the inside of a JSON string.
std::string json_escape(const char* text) {
  std::string out;
  for (const char* c = text; *c != '\0'; c++) {
    if (*c == '"' || *c == '\\') out += '\\';
    out += *c;
  }
  return out;
}

[[noreturn]] void fail(struct soap* soap, const char* what) {
  std::fprintf(stderr, "gsoap: %s failed: ", what);
  soap_print_fault(soap, stderr);
  std::exit(1);
}

// One decode: the response read from the file into gSOAP's classes, owned by `soap`.
void decode(struct soap* soap, Buffers& buffers, _ns1__GetAllCustomerCenterConfigsResponse& response) {
  buffers.input.pos = 0;
  if (soap_recv___ns1__GetAllCustomerCenterConfigs(soap, response) != SOAP_OK) {
    fail(soap, "decoding");
  }
}

// One encode: `response` written as a response envelope of SOAP `version` (1 or 2, that of
// the request, as a gSOAP server replies) into buffers.output.
void encode(struct soap* soap, Buffers& buffers, short version,
            const _ns1__GetAllCustomerCenterConfigsResponse& response) {
  buffers.output.clear();
  soap_begin(soap);
  soap_set_version(soap, version);
  soap->encodingStyle = nullptr;  // literal
  soap_serializeheader(soap);
  response.soap_serialize(soap);
  if (soap_begin_send(soap) || soap_envelope_begin_out(soap) || soap_putheader(soap) ||
      soap_body_begin_out(soap) ||
      response.soap_put(soap, "ns1:GetAllCustomerCenterConfigsResponse", "") ||
      soap_body_end_out(soap) || soap_envelope_end_out(soap) || soap_end_send(soap)) {
    fail(soap, "encoding");
  }
  soap_end(soap);
}

struct Timing {
  unsigned long long iterations = 0;
  double seconds = 0;
};

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Runs f for at least `slice` seconds, adding to timing.
template <typename F>
void run_slice(F&& f, double slice, Timing& timing) {
  double start = now();
  for (;;) {
    f();
    timing.iterations++;
    double elapsed = now() - start;
    if (elapsed >= slice) {
      timing.seconds += elapsed;
      return;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  double budget = 3;
  unsigned long long min_iterations = 3;
  int rounds = 6;
  const char* file = nullptr;
  const char* write_to = nullptr;
  const char* usage = "usage: read [--budget SECONDS] [--min-iterations N] [--rounds R] [--write OUT] FILE\n";
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if ((arg == "--budget" || arg == "--min-iterations" || arg == "--rounds" || arg == "--write") &&
        i + 1 < argc) {
      const char* value = argv[++i];
      if (arg == "--budget") budget = std::atof(value);
      else if (arg == "--write") write_to = value;
      else if (arg == "--min-iterations") min_iterations = std::strtoull(value, nullptr, 10);
      else rounds = std::atoi(value) > 0 ? std::atoi(value) : 1;
    } else if (arg.rfind("--", 0) == 0 || file != nullptr) {
      std::fputs(usage, stderr);
      return 2;
    } else {
      file = argv[i];
    }
  }
  if (file == nullptr) {
    std::fputs(usage, stderr);
    return 2;
  }

  // Read at its exact size (as Rust's std::fs::read does), so that no growing buffer's
  // transient copies raise the baseline.
  std::ifstream stream(file, std::ios::binary | std::ios::ate);
  std::streamoff size = stream ? static_cast<std::streamoff>(stream.tellg()) : -1;
  std::vector<char> bytes(size > 0 ? static_cast<size_t>(size) : 0);
  if (size < 0 || !stream.seekg(0) || !stream.read(bytes.data(), size)) {
    std::fprintf(stderr, "gsoap: cannot read %s\n", file);
    return 1;
  }
  unsigned long long hwm_loaded = proc_status_bytes("VmHWM");

  Buffers in_buffers{{&bytes, 0}, {}};
  Buffers out_buffers{{&bytes, 0}, {}};
  // SOAP_XML_TREE: document/literal XML, no SOAP-encoding id/href graphs to resolve (gSOAP's
  // advice for literal services; without it every vector insertion walks the id table).
  // SOAP_C_UTFSTRING: strings hold the UTF-8 as is, as ours do (else gSOAP narrows to Latin-1).
  // SOAP_IO_BUFFER on output: fsend gets whole buffers, not every piece (SOAP_IO_FLUSH).
  const soap_mode mode = SOAP_XML_TREE | SOAP_C_UTFSTRING;
  struct soap* in = soap_new1(mode);
  struct soap* out = soap_new1(mode | SOAP_IO_BUFFER);
  if (in == nullptr || out == nullptr) {
    std::fprintf(stderr, "gsoap: soap_new1 failed\n");
    return 1;
  }
  in->user = &in_buffers;
  in->frecv = recv_from_memory;
  out->user = &out_buffers;
  out->fsend = send_to_memory;

  // The checked decode, kept alive as the value the encoder writes.
  _ns1__GetAllCustomerCenterConfigsResponse kept;
  decode(in, in_buffers, kept);
  unsigned long long hwm_decoded = proc_status_bytes("VmHWM");
  size_t decoded = 0;
  if (kept.Response != nullptr) {
    const auto& configs = kept.Response->CustomerCenterConfig;
    decoded = configs.size();
    if (!configs.empty() && (configs.back() == nullptr || configs.back()->FieldProperties == nullptr)) {
      std::fprintf(stderr, "gsoap: FieldProperties were not decoded\n");
      return 1;
    }
  }
  const short version = in->version;
  if (version != 1 && version != 2) {
    std::fprintf(stderr, "gsoap: no SOAP version read (%d)\n", version);
    return 1;
  }
  encode(out, out_buffers, version, kept);
  size_t encoded_bytes = out_buffers.output.size();
  if (write_to != nullptr) {
    std::ofstream written(write_to, std::ios::binary);
    written << out_buffers.output;
    if (!written.flush()) {
      std::fprintf(stderr, "gsoap: cannot write %s\n", write_to);
      return 1;
    }
  }

  // Decodes go to a third context, so that `kept` (owned by `in`) stays alive.
  Buffers loop_buffers{{&bytes, 0}, {}};
  struct soap* loop = soap_new1(mode);
  if (loop == nullptr) {
    std::fprintf(stderr, "gsoap: soap_new1 failed\n");
    return 1;
  }
  loop->user = &loop_buffers;
  loop->frecv = recv_from_memory;
  auto decode_once = [&] {
    _ns1__GetAllCustomerCenterConfigsResponse response;
    decode(loop, loop_buffers, response);
    soap_destroy(loop);
    soap_end(loop);
  };
  auto encode_once = [&] { encode(out, out_buffers, version, kept); };

  // Warm-up: a tenth of the budget each, at least one call.
  Timing warm;
  run_slice(decode_once, budget / 10, warm);
  run_slice(encode_once, budget / 10, warm);

  Timing decoding, encoding;
  double slice = budget / rounds;
  for (int r = 0; r < rounds; r++) {
    run_slice(decode_once, slice, decoding);
    run_slice(encode_once, slice, encoding);
  }
  while (decoding.iterations < min_iterations) run_slice(decode_once, 0, decoding);
  while (encoding.iterations < min_iterations) run_slice(encode_once, 0, encoding);

  std::printf(
      "{\"file\": \"%s\", \"bytes\": %zu, \"iterations\": %llu, \"seconds\": %.9f, \"decoded\": %zu, "
      "\"encode_iterations\": %llu, \"encode_seconds\": %.9f, \"encoded_bytes\": %zu, "
      "\"hwm_loaded\": %llu, \"hwm_decoded\": %llu}\n",
      json_escape(file).c_str(), bytes.size(), decoding.iterations, decoding.seconds, decoded, encoding.iterations,
      encoding.seconds, encoded_bytes, hwm_loaded, hwm_decoded);

  soap_destroy(loop);
  soap_end(loop);
  soap_free(loop);
  soap_destroy(out);
  soap_end(out);
  soap_free(out);
  soap_destroy(in);
  soap_end(in);
  soap_free(in);
  return 0;
}
