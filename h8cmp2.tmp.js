const { LiteralAutomaton } = require('./dist/src/content-checks/literal-automaton.js');
const { AhoCorasick } = require('./node_modules/@monyone/aho-corasick/dist/fast.cjs');
const fs = require('fs');
const correct = fs.readFileSync('data/content-checks/correct-sentences.txt','utf8').split('\n').filter(Boolean);
let s=7; const r=()=>{s=(Math.imul(s,1103515245)+12345)>>>0; return s/4294967296;};
const docs=[]; let bytes=0; while (bytes < 6e6) { let d=''; while (d.length<3000) d+=correct[Math.floor(r()*correct.length)]; docs.push(d); bytes+=Buffer.byteLength(d); }
const chars=[...correct.join('')].filter(c=>/\p{Script=Han}/u.test(c));
const pats=new Set(); while(pats.size<5800){let p='';const n=3+Math.floor(r()*4);for(let k=0;k<n;k++)p+=chars[Math.floor(r()*chars.length)];pats.add(p);}
const P=[...pats];
let t0=process.cpuUsage(); const a = new LiteralAutomaton(P); let c=process.cpuUsage(t0); console.log('build encoded cpu', ((c.user+c.system)/1e6).toFixed(2));
t0=process.cpuUsage(); const plain = new AhoCorasick(P); c=process.cpuUsage(t0); console.log('build plain cpu', ((c.user+c.system)/1e6).toFixed(2));
const f = { encoded: () => { let n=0; for (const d of docs) a.forEachMatch(d, ()=>n++); return n; }, plain: () => { let n=0; for (const d of docs) n+=plain.matchInText(d).length; return n; } };
for (let round=0; round<4; round++) for (const k of ['encoded','plain']) { const c0=process.cpuUsage(); const n=f[k](); const cc=process.cpuUsage(c0); console.log(round, k, (bytes/1e6/((cc.user+cc.system)/1e6)).toFixed(1), 'MB/cpu-s', n); }
