import sys
sys.path.insert(0, 'scripts')
from evaluate_validator import load_segments
from pathlib import Path
from pipeline.fidelity.quotes import extract_quotes, extract_target_quotes, lexical_overlap, _ratio
segs = load_segments(Path('../shared/data'))
for lang in ['ja', 'zh-Hans']:
    vals=[]; ratios=[]
    for s in segs:
        qs = extract_quotes(s['en']); ts = extract_target_quotes(s[lang])
        if len(qs) == len(ts):
            for q, t in zip(qs, ts):
                o, g = lexical_overlap(q.text, t.text)
                if g >= 3: vals.append(o)
                ratios.append(_ratio(q, t))
    vals.sort(); ratios.sort()
    n=len(vals)
    print(lang, n, [round(vals[int(n*p)],3) for p in (0, .01, .02, .05, .1, .25, .5)], 'ratios', len(ratios), [round(ratios[int(len(ratios)*p)],3) for p in (0,.01,.02,.05,.5,.95,.98,.99)], ratios[-1])
