#!/usr/bin/env python3
"""Normalize a transition graph XML to a set of actions plus ordering edges.

Pacer's and Pacemaker's graphs for the same input cannot be equal byte for byte (action ids,
synapse order and attributes differ), so both are reduced to what crmd acts on: which actions
exist (element kind, operation key, node) and which must complete before which.
Usage: graph_edges.py GRAPH.xml   -> sorted lines "action ..." and "edge A -> B" on stdout
"""
import sys
import xml.etree.ElementTree as ET

KINDS = ("rsc_op", "pseudo_event", "crm_event")


def label(element):
    # Clone instances carry the instance in internal_operation_key; pacer numbers instances
    # as the reference does, so the instance is part of the identity.
    key = element.get("internal_operation_key") or element.get("operation_key")
    node = element.get("on_node")
    return f"{element.tag} {key}" + (f" on {node}" if node else "")


def normalize(path):
    root = ET.parse(path).getroot()
    actions, edges = set(), set()
    for synapse in root.findall("synapse"):
        targets = [a for a in synapse.find("action_set") if a.tag in KINDS]
        for target in targets:
            actions.add(label(target))
            inputs = synapse.find("inputs")
            for trigger in inputs.findall("trigger") if inputs is not None else []:
                for first in trigger:
                    if first.tag in KINDS:
                        edges.add(f"{label(first)} -> {label(target)}")
    return sorted(f"action {a}" for a in actions) + sorted(f"edge {e}" for e in edges)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print("\n".join(normalize(sys.argv[1])))
