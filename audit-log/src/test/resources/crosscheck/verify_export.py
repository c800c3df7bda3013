#!/usr/bin/env python3
"""Independent cross-check of a Custos audit-log export (custos-audit-log/1 JSON Lines).

Shares no code with the Java writer or verifier: canonical JSON via the standard json module
(equal to RFC 8785 for the log's content: string keys, strings, integers, booleans, null),
hashing via hashlib, and the Merkle tree by the recursive definition of RFC 6962 section 2.1.

Usage: verify_export.py EXPORT.jsonl
Prints "vectors ok", then "root <size> <hex>" for the whole log; exits 1 on any mismatch.
"""
import base64
import hashlib
import json
import sys


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf_hash(data):
    return sha256(b"\x00" + data)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def mth(leaves):
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def self_test():
    # RFC 6962 reference vectors (certificate-transparency test data).
    inputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f"]
    roots = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
             "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
             "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
             "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
             "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
             "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
             "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
    leaves = [leaf_hash(bytes.fromhex(h)) for h in inputs]
    for n in range(1, 9):
        if mth(leaves[:n]).hex() != roots[n - 1]:
            raise SystemExit("self-test failed at size %d" % n)
    print("vectors ok")


def canonical(entry):
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main(path):
    self_test()
    checkpoints = {}
    leaves = []
    chain = bytes(32)
    bad = 0
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        if header.get("format") != "custos-audit-log/1":
            raise SystemExit("not an export")
        for line in f:
            rec = json.loads(line)
            if rec["kind"] == "checkpoint":
                body_lines = rec["note"].split("\n")
                checkpoints.setdefault(int(body_lines[1]), []).append(
                    base64.b64decode(body_lines[2]))
                continue
            seq = rec["seq"]
            if seq != len(leaves) or rec["entry"]["seq"] != seq:
                print("sequence broken at %d" % len(leaves))
                bad += 1
                break
            leaf = leaf_hash(canonical(rec["entry"]).encode("utf-8"))
            chain = sha256(b"\x02" + chain + leaf)
            if leaf.hex() != rec["leaf"] or chain.hex() != rec["chain"]:
                print("hash mismatch at %d" % seq)
                bad += 1
                break
            leaves.append(leaf)
    for size, roots in sorted(checkpoints.items()):
        if size > len(leaves):
            print("checkpoint %d beyond the log" % size)
            bad += 1
            continue
        expected = mth(leaves[:size])
        for root in roots:
            if root != expected:
                print("root mismatch at checkpoint %d" % size)
                bad += 1
    print("root %d %s" % (len(leaves), mth(leaves).hex()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
