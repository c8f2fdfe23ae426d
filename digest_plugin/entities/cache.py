class ExtractionCache:
    def __init__(self, d): self.d = {}
    def key_for(self, t, b, a): return t
    def get(self, k): return self.d.get(k)
    def put(self, k, v): self.d[k] = v
