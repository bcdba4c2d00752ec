#!/usr/bin/env python3
"""Module cycles inside atlas-core: which top-level modules (or, with --sub, the modules of
default_data, ingest, risk and stats one level down) import each other, directly or
round a circle, from their `crate::` and `super::` paths (test modules left out).

    python3 tools/module-cycles.py [--sub]

Prints each knot (a strongly connected set of modules) and the imports inside it; prints
nothing and exits 0 when there is none, exits 1 otherwise.
"""
import collections
import os
import re
import sys

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../crates/atlas-core/src"))
sub='--sub' in sys.argv
deps=collections.defaultdict(lambda: collections.defaultdict(list))
def modname(path):
    parts=path[:-3].split('/')
    if parts[-1] in('mod','lib'): parts=parts[:-1]
    if not parts: return 'lib'
    if sub and parts[0] in ('default_data','ingest','risk','stats') and len(parts)>1: return parts[0]+'::'+parts[1]
    return parts[0]
for root,_,files in os.walk('.'):
    for f in files:
        if not f.endswith('.rs'): continue
        p=os.path.join(root,f)[2:]
        mod=modname(p)
        src=open(p).read()
        # drop test modules
        src=re.split(r'#\[cfg\(test\)\]\s*mod tests',src)[0]
        # Doc links and comments are not imports.
        src=re.sub(r'//[^\n]*','',src)
        for m in re.finditer(r'(?:crate|super)::(\w+)(?:::(\w+))?',src):
            a,b=m.group(1),m.group(2)
            if m.group(0).startswith('super'):
                # resolve super relative to file's module
                parent=mod.split('::')[0]
                if '::' in mod: t=parent+'::'+a if sub else parent
                else: continue
            else:
                t=a+'::'+b if sub and a in ('default_data','ingest','risk','stats') and b and b[0].islower() else a
            if t!=mod and t.split('::')[0]!='lib':
                deps[mod][t].append(p)
# tarjan
index={};low={};st=[];on=set();sccs=[];i=[0]
nodes=set(deps)|{t for d in deps.values() for t in d}
def sc(v):
    index[v]=low[v]=i[0];i[0]+=1;st.append(v);on.add(v)
    for w in deps.get(v,{}):
        if w not in index: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],index[w])
    if low[v]==index[v]:
        c=[]
        while True:
            w=st.pop();on.discard(w);c.append(w)
            if w==v:break
        if len(c)>1: sccs.append(c)
sys.setrecursionlimit(10000)
for v in sorted(nodes):
    if v not in index: sc(v)
for c in sccs:
    print(sorted(c))
    for a in c:
        for b in deps.get(a,{}):
            if b in c: print('  ',a,'->',b, sorted(set(deps[a][b]))[:3])
sys.exit(1 if sccs else 0)
