//! Inline CSS and JavaScript of the HTML report (no network access needed).

pub const CSS: &str = r#"
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:1.5rem;color:#1d1d1f;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d0d0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f7}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}
table.sortable th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.failed td{background:#fde8e8}
.error{color:#b00020;font-weight:600}.warning{color:#8a5a00}.info{color:#2f5d8a}
td.heat{text-align:center;min-width:2.5rem}
details.plan{border:1px solid #d0d0d0;border-radius:4px;margin:.5rem 0;padding:.25rem .75rem}
details.plan>summary{cursor:pointer;font-weight:600}
details.plan:target,details.plan[open]{background:#fcfcff}
table.source{font-family:"Noto Sans Mono",Consolas,monospace;font-size:.85rem;width:100%}
table.source td{border:none;padding:0 .5rem;white-space:pre-wrap;word-break:break-word}
table.source td.ln{color:#888;text-align:right;width:3rem;user-select:none}
table.source tr.hit{background:#fff6d6}
table.source tr:target{outline:2px solid #e0a000}
mark{background:#ffd54d;padding:0}
span.tag{font-size:.75rem;background:#eee;border-radius:3px;padding:0 .3rem;margin-left:.4rem;color:#444}
.muted{color:#777}
"#;

/// Sortable tables (click a header; numbers sort largest first), `#sort=KEY`
/// or `#sort=KEY-asc` / `-desc` to sort the submissions table on load, and a
/// `#plan-N` (or `#plan-N-LM`) target opens that submission's detail.
pub const JS: &str = r##"
(function(){
function cellValue(row,i,numeric){var c=row.cells[i];if(!c)return numeric?-1:"";var v=c.getAttribute("data-value");if(v===null)v=c.textContent.trim();return numeric?(v===""?-1:parseFloat(v)):v;}
function sortBy(th,dir){
 var table=th.closest("table"),body=table.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.cells,th);
 var numeric=th.getAttribute("data-type")==="num";
 if(!dir){var cur=th.getAttribute("aria-sort");dir=cur?(cur==="descending"?"ascending":"descending"):(numeric?"descending":"ascending");}
 var rows=Array.prototype.slice.call(body.rows),sign=dir==="ascending"?1:-1;
 rows.sort(function(a,b){var x=cellValue(a,i,numeric),y=cellValue(b,i,numeric);
  var c=numeric?(x-y):x.localeCompare(y,"vi");
  return c!==0?sign*c:(parseInt(a.getAttribute("data-index"),10)-parseInt(b.getAttribute("data-index"),10));});
 rows.forEach(function(r){body.appendChild(r);});
 Array.prototype.forEach.call(th.parentNode.cells,function(h){h.removeAttribute("aria-sort");});
 th.setAttribute("aria-sort",dir);
}
Array.prototype.forEach.call(document.querySelectorAll("table.sortable th"),function(th){th.addEventListener("click",function(){sortBy(th);});});
function applyHash(){
 var h=decodeURIComponent(location.hash.slice(1));if(!h)return;
 if(h.indexOf("sort=")===0){var spec=h.slice(5),dir=null,m=spec.match(/^(.*)-(asc|desc)$/);
  if(m){spec=m[1];dir=m[2]==="asc"?"ascending":"descending";}
  var th=document.querySelector("#submissions th[data-key='"+spec+"']");if(th)sortBy(th,dir);return;}
 var el=document.getElementById(h);if(!el)return;
 var d=el.tagName==="DETAILS"?el:el.closest("details");if(d){d.open=true;}
 el.scrollIntoView();
}
window.addEventListener("hashchange",applyHash);applyHash();
})();
"##;
