"""Speed machinery, behind one seam: forked processes (one fork guard for every use), the
extraction workers' heap and BLAS tuning, the garbage-collector pause of serve's rebuilds, the
file watcher, and the render cache with its helper process. Nothing outside the MkDocs layer
imports this package, and the digest's output is the same with every trick switched off.
"""
