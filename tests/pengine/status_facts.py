#!/usr/bin/env python3
"""Prints what a CIB's status says, one fact per line, sorted: each node's membership, every
recorded operation result (id, operation, interval, rc) and fail-count. check_injections.sh
compares crm_simulate -O outputs with it (ids of transition keys and timestamps differ)."""
import sys
import xml.etree.ElementTree as ET
facts = []
for state in ET.parse(sys.argv[1]).getroot().iter("node_state"):
    u = state.get("uname")
    facts.append(f"{u} in_ccm={state.get('in_ccm')} crmd={state.get('crmd')} join={state.get('join')} expected={state.get('expected')}")
    for rsc in state.iter("lrm_resource"):
        for op in rsc.iter("lrm_rsc_op"):
            facts.append(f"{u} {rsc.get('id')} {op.get('id')} {op.get('operation')} interval={op.get('interval')} rc={op.get('rc-code')}")
    for nv in state.iter("nvpair"):
        if nv.get("name", "").startswith("fail-count"):
            facts.append(f"{u} {nv.get('name')}={nv.get('value')}")
print("\n".join(sorted(facts)))
