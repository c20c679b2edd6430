#!/usr/bin/env python3
"""Seeded generator of valid CIBs (configuration and status) for differential tests and benches.

Each seed gives one CIB: nodes (some in standby, offline or lost), primitives, groups and anonymous
clones with meta attributes, in about a quarter of the seeds a master/slave resource (drawn from
a second random stream, so that the rest of such a CIB, and every other seed's CIB, is what the
generator gave before master/slave existed), location (scores and rules), colocation and order constraints, and a
status section with running, stopped, failed and timed-out operations, fail counts in both the
1.0 and the 2.x form. The same seed always gives the same bytes, so a difference against the
reference can be reproduced from the seed alone.

Usage: gen_cib.py SEED [--nodes N] [--resources M] [--features LIST]
  --nodes/--resources fix the size (benchmarks); otherwise small random sizes are drawn.
"""
import argparse
import hashlib
import random
from xml.sax.saxutils import quoteattr

INF = "INFINITY"


class Cib:
    def __init__(self, rng, nodes, resources, ms_rng=None):
        self.rng = rng
        # Master/slave parts come from their own stream: seeds without them keep their bytes.
        self.ms_rng = ms_rng
        self.ms = None
        self.n_nodes = nodes
        self.n_resources = resources
        self.lines = []
        self.nodes = [f"node{i + 1}" for i in range(nodes)]
        self.uuids = {n: f"{i + 1:08x}-0000-4000-8000-{i + 1:012x}" for i, n in enumerate(self.nodes)}
        self.primitives = []   # (id, params, ops, parent-kind)
        self.top = []          # (id, kind, members)
        self.call_id = 10

    # -- helpers ---------------------------------------------------------------------------
    def choice(self, weighted):
        total = sum(w for _, w in weighted)
        x = self.rng.random() * total
        for value, w in weighted:
            x -= w
            if x < 0:
                return value
        return weighted[-1][0]

    def nvpairs(self, tag, owner, pairs, indent):
        if not pairs:
            return ""
        pad = " " * indent
        out = f'{pad}<{tag} id="{owner}-{tag}">\n'
        for k, v in pairs:
            out += f'{pad}  <nvpair id="{owner}-{tag}-{k}" name="{k}" value={quoteattr(v)}/>\n'
        return out + f"{pad}</{tag}>\n"

    # -- configuration ---------------------------------------------------------------------
    def options(self):
        rng = self.rng
        self.stonith = rng.random() < 0.6
        self.quorum = rng.random() < 0.85
        self.no_quorum = self.choice([("stop", 3), ("ignore", 3), ("freeze", 2)])
        self.symmetric = rng.random() < 0.85
        self.sfif = rng.random() < 0.8
        self.stickiness = self.choice([("0", 2), ("100", 2), ("INFINITY", 3), (None, 2)])
        self.threshold = self.choice([("1", 3), ("3", 2), (None, 3)])
        pairs = [("stonith-enabled", "true" if self.stonith else "false"),
                 ("no-quorum-policy", self.no_quorum),
                 ("symmetric-cluster", "true" if self.symmetric else "false")]
        if not self.sfif:
            pairs.append(("start-failure-is-fatal", "false"))
        if rng.random() < 0.2:
            pairs.append(("startup-fencing", "false"))
        return pairs

    def node_states(self):
        rng = self.rng
        self.state = {}
        for i, n in enumerate(self.nodes):
            # The DC (the first node) is always up; the others may be down or lost.
            kind = "online" if i == 0 else self.choice([("online", 8), ("offline", 1), ("lost", 1)])
            self.state[n] = kind
        self.standby = {n for n in self.nodes if rng.random() < 0.12}
        self.ping = {n: self.choice([("100", 6), ("0", 2), (None, 1)]) for n in self.nodes}

    def primitive(self, rid, indent, kind):
        rng = self.rng
        params = [("state", f"/var/run/{rid}.state")]
        if rng.random() < 0.3:
            params.append(("delay", str(rng.randint(0, 3))))
        meta = []
        if kind == "primitive":
            if rng.random() < 0.08:
                meta.append(("target-role", "Stopped"))
            if rng.random() < 0.06:
                meta.append(("is-managed", "false"))
            if rng.random() < 0.15:
                meta.append(("resource-stickiness", self.choice([("0", 1), ("50", 1), ("INFINITY", 1)])))
            if rng.random() < 0.15:
                meta.append(("migration-threshold", self.choice([("1", 1), ("2", 1), ("5", 1)])))
            if rng.random() < 0.1:
                meta.append(("priority", str(rng.randint(1, 10))))
        monitor = self.choice([("10s", 4), ("20s", 1)])
        on_fail_stop = "fence" if self.stonith and rng.random() < 0.5 else "block"
        ops = [("start", "0s", "60s", "restart"), ("monitor", monitor, "30s",
               self.choice([("restart", 6), ("ignore", 1), ("block", 1), ("stop", 1)])),
               ("stop", "0s", "60s", on_fail_stop)]
        self.primitives.append({"id": rid, "params": params, "ops": ops, "kind": kind,
                                "monitor_ms": int(monitor[:-1]) * 1000})
        pad = " " * indent
        out = f'{pad}<primitive id="{rid}" class="ocf" provider="heartbeat" type="Dummy">\n'
        out += self.nvpairs("instance_attributes", rid, params, indent + 2)
        out += self.nvpairs("meta_attributes", rid, meta, indent + 2)
        out += f"{pad}  <operations>\n"
        for name, interval, timeout, on_fail in ops:
            out += (f'{pad}    <op id="{rid}-{name}-{interval}" name="{name}" interval="{interval}" '
                    f'timeout="{timeout}" on-fail="{on_fail}"/>\n')
        out += f"{pad}  </operations>\n{pad}</primitive>\n"
        return out

    def resources(self):
        rng = self.rng
        out = ""
        made = 0
        g = c = p = 0
        # Without a fence device, stonith-enabled makes the reference start nothing at all.
        if self.stonith and rng.random() < 0.9:
            out += ('      <primitive id="fencing" class="stonith" type="external/ssh">\n'
                    '        <instance_attributes id="fencing-instance_attributes">\n'
                    '          <nvpair id="fencing-hostlist" name="hostlist" value="all"/>\n'
                    '        </instance_attributes>\n      </primitive>\n')
            self.top.append(("fencing", "primitive", ["fencing"]))
        while made < self.n_resources:
            kind = self.choice([("primitive", 5), ("group", 2), ("clone", 2)])
            if kind == "primitive":
                p += 1
                rid = f"rsc{p}"
                out += self.primitive(rid, 6, "primitive")
                self.top.append((rid, "primitive", [rid]))
                made += 1
            elif kind == "group":
                g += 1
                gid = f"grp{g}"
                size = rng.randint(2, 4)
                meta = []
                if rng.random() < 0.1:
                    meta.append(("target-role", "Stopped"))
                out += f'      <group id="{gid}">\n'
                out += self.nvpairs("meta_attributes", gid, meta, 8)
                members = []
                for k in range(size):
                    mid = f"{gid}m{k + 1}"
                    out += self.primitive(mid, 8, "member")
                    members.append(mid)
                out += "      </group>\n"
                self.top.append((gid, "group", members))
                made += size
            else:
                c += 1
                cid = f"cln{c}"
                pid = f"cln{c}rsc"
                meta = []
                if rng.random() < 0.3:
                    meta.append(("clone-max", str(rng.randint(1, self.n_nodes))))
                if rng.random() < 0.15:
                    meta.append(("clone-node-max", "2"))
                out += f'      <clone id="{cid}">\n'
                out += self.nvpairs("meta_attributes", cid, meta, 8)
                out += self.primitive(pid, 8, "clone")
                out += "      </clone>\n"
                self.top.append((cid, "clone", [pid]))
                made += 1
        return out

    def constraints(self):
        rng = self.rng
        out = ""
        ids = [t[0] for t in self.top]
        k = 0
        for rid in ids:
            if rng.random() < 0.5:
                k += 1
                node = rng.choice(self.nodes)
                score = self.choice([("100", 3), ("200", 2), ("-INFINITY", 1), ("INFINITY", 1), ("-50", 1)])
                out += f'      <rsc_location id="loc{k}" rsc="{rid}" node="{node}" score="{score}"/>\n'
            if rng.random() < 0.25:
                k += 1
                op = self.choice([("lt", 2), ("not_defined", 1), ("eq", 1), ("gte", 1)])
                value = "" if op == "not_defined" else ' value="100"' if op != "eq" else ' value="0"'
                kind = ' type="number"' if op in ("lt", "gte") else ""
                out += (f'      <rsc_location id="loc{k}" rsc="{rid}">\n'
                        f'        <rule id="loc{k}-rule" score="-INFINITY">\n'
                        f'          <expression id="loc{k}-expr" attribute="pingd" operation="{op}"{value}{kind}/>\n'
                        f'        </rule>\n      </rsc_location>\n')
        for j in range(rng.randint(0, max(1, len(ids) // 2))):
            a, b = rng.sample(ids, 2) if len(ids) > 1 else (None, None)
            if a is None:
                break
            score = self.choice([("INFINITY", 4), ("-INFINITY", 2), ("100", 1), ("-100", 1)])
            out += f'      <rsc_colocation id="col{j}" rsc="{a}" with-rsc="{b}" score="{score}"/>\n'
        for j in range(rng.randint(0, max(1, len(ids) // 2))):
            a, b = rng.sample(ids, 2) if len(ids) > 1 else (None, None)
            if a is None:
                break
            kind = self.choice([("Mandatory", 3), ("Optional", 1)])
            sym = self.choice([("true", 3), ("false", 1)])
            out += f'      <rsc_order id="ord{j}" first="{a}" then="{b}" kind="{kind}" symmetrical="{sym}"/>\n'
        return out

    # -- status ----------------------------------------------------------------------------
    def digest(self, prim, interval_ms, timeout_ms):
        attrs = dict(prim["params"])
        if interval_ms > 0:
            attrs["CRM_meta_timeout"] = str(timeout_ms)
        body = "".join(f' {k}="{attrs[k]}"' for k in sorted(attrs))
        return hashlib.md5(f" <parameters{body}/>\n".encode()).hexdigest()

    def op(self, prim, node, suffix, task, interval_ms, rc, status="0", digest=True, last_failure=False,
           target=None):
        self.call_id += 1
        rid = prim["id"]
        key = f"{rid}_{task}_{interval_ms}"
        if target is None:
            target = 7 if task == "monitor" and interval_ms == 0 else 0
        timeout = 30000 if interval_ms else 60000
        extra = f' op-digest="{self.digest(prim, interval_ms, timeout)}"' if digest else ""
        if last_failure:
            extra += f' uname="{node}" rsc-id="{rid}"'
        return (f'            <lrm_rsc_op id="{rid}_{suffix}" operation_key="{key}" operation="{task}" '
                f'crm-debug-origin="gen" crm_feature_set="3.16.1" '
                f'transition-key="{self.call_id}:1:{target}:00000000-0000-0000-0000-000000000000" '
                f'transition-magic="{status}:{rc};{self.call_id}:1:{target}:00000000-0000-0000-0000-000000000000" '
                f'exit-reason="" call-id="{self.call_id}" rc-code="{rc}" op-status="{status}" '
                f'interval="{interval_ms}" last-rc-change="1700000000" exec-time="0" queue-time="0"{extra}/>\n')

    def plan_status(self):
        """Where each primitive runs and how: a coherent picture, as a real cluster leaves it."""
        rng = self.rng
        up = [n for n in self.nodes if self.state[n] != "offline"]
        self.plan = {}  # (rid, node) -> state
        for rid, kind, members in self.top:
            if kind == "clone":
                for n in up:
                    self.plan[(members[0], n)] = self.choice(
                        [("running", 6), ("stopped", 3), ("monitor-failed", 0.6), ("none", 0.3)])
                continue
            home = rng.choice(up) if up and rng.random() < 0.75 else None
            active = len(members) if kind != "group" else rng.randint(0, len(members))
            for k, rid2 in enumerate(members):
                for n in up:
                    if n == home and k < active:
                        state = self.choice([("running", 8), ("monitor-failed", 1),
                                             ("start-failed", 0.4), ("stop-failed", 0.3)])
                    else:
                        # Rarely active twice (multiple-active), sometimes never probed.
                        state = self.choice([("stopped", 12), ("none", 1), ("running", 0.15)])
                    self.plan[(rid2, n)] = state

    def history(self, node):
        rng = self.rng
        out = ""
        fails = []
        for prim in self.primitives:
            rid = prim["id"]
            state = self.plan.get((rid, node), "none")
            if state == "none":
                continue
            ops = ""
            mon = prim["monitor_ms"]
            if state == "running":
                ops += self.op(prim, node, "last_0", "start", 0, 0)
                ops += self.op(prim, node, f"monitor_{mon}", "monitor", mon, 0)
            elif state == "stopped":
                ops += self.op(prim, node, "last_0", "monitor", 0, 7)
            elif state == "monitor-failed":
                ops += self.op(prim, node, "last_0", "start", 0, 0)
                ops += self.op(prim, node, f"monitor_{mon}", "monitor", mon, 0)
                ops += self.op(prim, node, "last_failure_0", "monitor", mon, 7, digest=rng.random() < 0.7,
                               last_failure=True)
                fails.append((rid, "monitor", mon, "1"))
            elif state == "start-failed":
                ops += self.op(prim, node, "last_0", "start", 0, 1)
                ops += self.op(prim, node, "last_failure_0", "start", 0, 1, last_failure=True)
                fails.append((rid, "start", 0, INF))
            elif state == "stop-failed":
                ops += self.op(prim, node, "last_0", "stop", 0, 1, status="2")
                ops += self.op(prim, node, "last_failure_0", "stop", 0, 1, status="2", last_failure=True)
                fails.append((rid, "stop", 0, INF))
            out += (f'          <lrm_resource id="{rid}" class="ocf" provider="heartbeat" type="Dummy">\n'
                    f'{ops}          </lrm_resource>\n')
        if self.ms:
            out += self.ms_history(node, fails)
        return out, fails

    # -- master/slave (own random stream) --------------------------------------------------
    def master_slave(self):
        """A <master> of ocf:pacemaker:Stateful with Slave and Master monitors, or nothing."""
        rng = self.ms_rng
        if rng is None or rng.random() >= 0.25:
            return ""
        mid, rid = "ms1", "ms1rsc"
        meta = [("master-max", self.choice_ms([("1", 5), ("2", 1)])), ("master-node-max", "1")]
        if rng.random() < 0.3:
            meta.append(("clone-max", str(rng.randint(1, self.n_nodes))))
        if rng.random() < 0.1:
            meta.append(("target-role", "Stopped"))
        params = [("state", f"/var/run/{rid}.state")]
        ops = [("start", "0s", "60s", "restart", None), ("monitor", "10s", "30s", "restart", "Slave"),
               ("monitor", "9s", "30s", "restart", "Master"), ("promote", "0s", "60s", "restart", None),
               ("demote", "0s", "60s", "restart", None), ("stop", "0s", "60s", "block", None)]
        self.ms = {"id": rid, "master": mid, "params": params, "ops": ops, "kind": "master",
                   "master_max": int(meta[0][1])}
        out = f'      <master id="{mid}">\n' + self.nvpairs("meta_attributes", mid, meta, 8)
        out += f'        <primitive id="{rid}" class="ocf" provider="pacemaker" type="Stateful">\n'
        out += self.nvpairs("instance_attributes", rid, params, 10)
        out += "          <operations>\n"
        for name, interval, timeout, on_fail, role in ops:
            role_attr = f' role="{role}"' if role else ""
            out += (f'            <op id="{rid}-{name}-{interval}" name="{name}" interval="{interval}" '
                    f'timeout="{timeout}" on-fail="{on_fail}"{role_attr}/>\n')
        out += "          </operations>\n        </primitive>\n      </master>\n"
        return out

    def choice_ms(self, weighted):
        total = sum(w for _, w in weighted)
        x = self.ms_rng.random() * total
        for value, w in weighted:
            x -= w
            if x < 0:
                return value
        return weighted[-1][0]

    def ms_constraints(self):
        rng, mid = self.ms_rng, self.ms["master"]
        out = ""
        others = [t[0] for t in self.top if t[1] != "clone"]
        if rng.random() < 0.3:
            node = rng.choice(self.nodes)
            out += (f'      <rsc_location id="ms-loc-master" rsc="{mid}">\n'
                    f'        <rule id="ms-loc-master-rule" role="Master" score="{self.choice_ms([("100", 2), ("-INFINITY", 1)])}">\n'
                    f'          <expression id="ms-loc-master-expr" attribute="#uname" operation="eq" value="{node}"/>\n'
                    f'        </rule>\n      </rsc_location>\n')
        if rng.random() < 0.2:
            out += (f'      <rsc_location id="ms-loc" rsc="{mid}" node="{rng.choice(self.nodes)}" '
                    f'score="{self.choice_ms([("-INFINITY", 1), ("50", 1)])}"/>\n')
        if others and rng.random() < 0.4:
            dep = rng.choice(others)
            role, score = self.choice_ms([(("Master", "INFINITY"), 3), (("Slave", "-INFINITY"), 1), (("Master", "100"), 1)])
            out += f'      <rsc_colocation id="ms-col" rsc="{dep}" with-rsc="{mid}" with-rsc-role="{role}" score="{score}"/>\n'
            if role == "Master" and rng.random() < 0.7:
                out += (f'      <rsc_order id="ms-ord" first="{mid}" first-action="promote" then="{dep}" '
                        f'then-action="start" score="INFINITY"/>\n')
        return out

    def ms_history(self, node, fails):
        """The master/slave instance's history on one node; its promotion score attribute."""
        rng, prim = self.ms_rng, self.ms
        rid = prim["id"]
        if self.state[node] == "offline":
            return ""
        state = self.choice_ms([("slave", 5), ("master", 3), ("stopped", 3), ("none", 1),
                                ("master-failed", 0.7), ("slave-failed", 0.7)])
        score = self.choice_ms([(None, 2), ("5", 2), ("10", 2), ("100", 1), ("0", 1), ("-INFINITY", 0.3)])
        if score is not None:
            prim.setdefault("scores", {})[node] = score
        if state == "none":
            return ""
        ops = ""
        if state == "slave":
            ops += self.op(prim, node, "last_0", "start", 0, 0)
            ops += self.op(prim, node, "monitor_10000", "monitor", 10000, 0)
        elif state == "master":
            ops += self.op(prim, node, "last_0", "promote", 0, 0)
            ops += self.op(prim, node, "monitor_9000", "monitor", 9000, 8, target=8)
        elif state == "stopped":
            ops += self.op(prim, node, "last_0", "monitor", 0, 7)
        elif state == "master-failed":
            ops += self.op(prim, node, "last_0", "promote", 0, 0)
            ops += self.op(prim, node, "monitor_9000", "monitor", 9000, 8, target=8)
            ops += self.op(prim, node, "last_failure_0", "monitor", 9000, 9, target=8, last_failure=True)
            fails.append((rid, "monitor", 9000, "1"))
        else:
            ops += self.op(prim, node, "last_0", "start", 0, 0)
            ops += self.op(prim, node, "monitor_10000", "monitor", 10000, 0)
            ops += self.op(prim, node, "last_failure_0", "monitor", 10000, 7, last_failure=True)
            fails.append((rid, "monitor", 10000, "1"))
        return (f'          <lrm_resource id="{rid}" class="ocf" provider="pacemaker" type="Stateful">\n'
                f'{ops}          </lrm_resource>\n')

    def status(self):
        rng = self.rng
        self.plan_status()
        out = "  <status>\n"
        for n in self.nodes:
            uuid = self.uuids[n]
            kind = self.state[n]
            if kind == "online":
                attrs = 'in_ccm="true" crmd="online" join="member" expected="member"'
            elif kind == "offline":
                attrs = 'in_ccm="false" crmd="offline" join="down" expected="down"'
            else:
                attrs = 'in_ccm="false" crmd="offline" join="member" expected="member"'
            out += f'    <node_state id="{uuid}" uname="{n}" {attrs} crm-debug-origin="gen">\n'
            fails = []
            if kind != "offline":
                history, fails = self.history(n)
                out += f'      <lrm id="{uuid}">\n        <lrm_resources>\n{history}        </lrm_resources>\n      </lrm>\n'
            pairs = []
            if self.ping[n] is not None:
                pairs.append(("pingd", self.ping[n]))
            for rid, task, interval, value in fails:
                # Both spellings occur in the field: 1.0's per resource, 2.x's per operation.
                if rng.random() < 0.5:
                    pairs.append((f"fail-count-{rid}", value))
                else:
                    pairs.append((f"fail-count-{rid}#{task}_{interval}", value))
                pairs.append((f"last-failure-{rid}", "1700000000"))
            if self.ms and n in self.ms.get("scores", {}):
                pairs.append((f"master-{self.ms['id']}", self.ms["scores"][n]))
            if pairs:
                out += f'      <transient_attributes id="{uuid}">\n        <instance_attributes id="status-{uuid}">\n'
                for k, v in pairs:
                    out += f'          <nvpair id="status-{uuid}-{k}" name="{k}" value="{v}"/>\n'
                out += "        </instance_attributes>\n      </transient_attributes>\n"
            out += "    </node_state>\n"
        return out + "  </status>\n"

    def render(self):
        options = self.options()
        self.node_states()
        resources = self.resources()
        resources += self.master_slave()
        constraints = self.constraints()
        if self.ms:
            constraints += self.ms_constraints()
        # Without a feature set the reference reads 1.0-style fail counts (fail-count-RSC).
        feature_set = 'crm_feature_set="3.16.1" ' if self.rng.random() < 0.6 else ""
        out = (f'<cib validate-with="pacemaker-3.0" {feature_set}'
               f'have-quorum="{1 if self.quorum else 0}" dc-uuid="{self.uuids[self.nodes[0]]}" '
               f'epoch="1" num_updates="0" admin_epoch="0">\n  <configuration>\n    <crm_config>\n')
        out += self.nvpairs("cluster_property_set", "cib-bootstrap-options", options, 6).replace(
            'id="cib-bootstrap-options-cluster_property_set"', 'id="cib-bootstrap-options"')
        out += "    </crm_config>\n    <nodes>\n"
        for n in self.nodes:
            standby = ""
            if n in self.standby:
                standby = (f'\n        <instance_attributes id="nodes-{self.uuids[n]}">\n'
                           f'          <nvpair id="nodes-{self.uuids[n]}-standby" name="standby" value="on"/>\n'
                           f'        </instance_attributes>\n      ')
            out += f'      <node id="{self.uuids[n]}" uname="{n}" type="member">{standby}</node>\n'.replace(
                '"member"></node>', '"member"/>')
        out += f"    </nodes>\n    <resources>\n{resources}    </resources>\n"
        out += f"    <constraints>\n{constraints}    </constraints>\n"
        defaults = []
        if self.stickiness is not None:
            defaults.append(("resource-stickiness", self.stickiness))
        if self.threshold is not None:
            defaults.append(("migration-threshold", self.threshold))
        if defaults:
            out += "    <rsc_defaults>\n" + self.nvpairs("meta_attributes", "rsc-options", defaults, 6)
            out += "    </rsc_defaults>\n"
        out += "  </configuration>\n" + self.status() + "</cib>\n"
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seed", type=int)
    parser.add_argument("--nodes", type=int)
    parser.add_argument("--resources", type=int)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nodes = args.nodes or rng.randint(2, 5)
    resources = args.resources or rng.randint(2, 10)
    ms_rng = random.Random(f"master-slave {args.seed}")
    print(Cib(rng, nodes, resources, ms_rng).render(), end="")


if __name__ == "__main__":
    main()
