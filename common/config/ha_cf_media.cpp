// ha.cf media directives: bcast, mcast, ucast, serial (and the IPv6 variants), plus udpport and
// baud, which only affect the media lines that follow them - Heartbeat reads the file top to bottom
// and each medium captures the values in force when it is declared.
#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/config/config_scalars.h"
#include "common/config/ha_cf_handlers.h"

namespace pacer::config {
namespace {

constexpr std::array<int, 7> kBaudRates = {9600, 19200, 38400, 57600, 115200, 230400, 460800};

Result<std::uint16_t> parse_port(std::string_view text, std::string_view directive) {
  const auto port = parse_bounded_integer(text, 1, 65535);
  if (!port) return Status::error(fmt::format("Invalid port [{}] for {}", text, directive));
  return static_cast<std::uint16_t>(*port);
}

bool is_ipv4_multicast(std::string_view text) {
  const std::string address(text);
  in_addr parsed{};
  if (inet_pton(AF_INET, address.c_str(), &parsed) != 1) return false;
  const auto first_octet = static_cast<unsigned char>(ntohl(parsed.s_addr) >> 24);
  return first_octet >= 224 && first_octet <= 239;  // class D
}

bool is_ipv6_multicast(std::string_view text) {
  const std::string address(text);
  in6_addr parsed{};
  if (inet_pton(AF_INET6, address.c_str(), &parsed) != 1) return false;
  return parsed.s6_addr[0] == 0xff;
}

// mcast/mcast6 <if> <group> <port> <ttl> <loop>
Status add_multicast(ParseState& state, const ConfigLine& line, MediumKind kind) {
  if (auto status = require_value_count(line, 5); !status) return status;
  const std::string_view group = line.values[1];
  const bool group_ok =
      kind == MediumKind::mcast ? is_ipv4_multicast(group) : is_ipv6_multicast(group);
  if (!group_ok) {
    return Status::error(fmt::format("Invalid multicast group [{}] for {}", group, line.directive));
  }
  auto port = parse_port(line.values[2], line.directive);
  if (!port) return port.status();
  const auto ttl = parse_bounded_integer(line.values[3], 1, 255);
  if (!ttl) {
    return Status::error(
        fmt::format("Invalid ttl [{}] for {} (1..255)", line.values[3], line.directive));
  }
  const auto loop = parse_bounded_integer(line.values[4], 0, 1);
  if (!loop) {
    return Status::error(
        fmt::format("Invalid loop [{}] for {} (0 or 1)", line.values[4], line.directive));
  }
  if (*loop != 0) {
    state.warn_at(line.number, fmt::format("{} loop is on: we will hear our own packets; "
                                           "it should be 0",
                                           line.directive));
  }
  Medium medium;
  medium.kind = kind;
  medium.interface = std::string(line.values[0]);
  medium.group = std::string(group);
  medium.port = *port;
  medium.ttl = static_cast<int>(*ttl);
  medium.loop = *loop != 0;
  medium.line = line.number;
  state.config.media.push_back(std::move(medium));
  return Status::ok();
}

// ucast/ucast6 <if> <peer>. The peer may be a host name, so it is not validated here.
Status add_unicast(ParseState& state, const ConfigLine& line, MediumKind kind) {
  if (auto status = require_value_count(line, 2); !status) return status;
  Medium medium;
  medium.kind = kind;
  medium.interface = std::string(line.values[0]);
  medium.peer = std::string(line.values[1]);
  medium.port = state.config.udpport;
  medium.line = line.number;
  state.config.media.push_back(std::move(medium));
  return Status::ok();
}

}  // namespace

Status handle_udpport(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  auto port = parse_port(*value, line.directive);
  if (!port) return port.status();
  state.config.udpport = *port;
  return Status::ok();
}

Status handle_baud(ParseState& state, const ConfigLine& line) {
  auto value = single_value(line);
  if (!value) return value.status();
  const auto rate = parse_bounded_integer(*value, 0, 10'000'000);
  if (!rate || std::find(kBaudRates.begin(), kBaudRates.end(), *rate) == kBaudRates.end()) {
    return Status::error(
        fmt::format("Invalid baud rate [{}] ({})", *value, fmt::join(kBaudRates, ", ")));
  }
  state.config.baud = static_cast<int>(*rate);
  return Status::ok();
}

// bcast <if> [<if>...]: one medium per interface.
Status handle_bcast(ParseState& state, const ConfigLine& line) {
  if (auto status = require_values(line); !status) return status;
  for (std::string_view interface : line.values) {
    Medium medium;
    medium.kind = MediumKind::bcast;
    medium.interface = std::string(interface);
    medium.port = state.config.udpport;
    medium.line = line.number;
    state.config.media.push_back(std::move(medium));
  }
  return Status::ok();
}

Status handle_mcast(ParseState& state, const ConfigLine& line) {
  return add_multicast(state, line, MediumKind::mcast);
}

Status handle_mcast6(ParseState& state, const ConfigLine& line) {
  return add_multicast(state, line, MediumKind::mcast6);
}

Status handle_ucast(ParseState& state, const ConfigLine& line) {
  return add_unicast(state, line, MediumKind::ucast);
}

Status handle_ucast6(ParseState& state, const ConfigLine& line) {
  return add_unicast(state, line, MediumKind::ucast6);
}

// serial <tty> [<tty>...]
Status handle_serial(ParseState& state, const ConfigLine& line) {
  if (auto status = require_values(line); !status) return status;
  for (std::string_view tty : line.values) {
    Medium medium;
    medium.kind = MediumKind::serial;
    medium.interface = std::string(tty);
    medium.baud = state.config.baud;
    medium.line = line.number;
    state.config.media.push_back(std::move(medium));
  }
  return Status::ok();
}

}  // namespace pacer::config
