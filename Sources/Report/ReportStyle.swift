/// The report's stylesheet and script, inlined so the page needs nothing from anywhere.
enum ReportStyle {
    static let css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:12px auto;max-width:1200px;padding:0 12px;color:#222;background:#fff}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:16px 0 4px;border-bottom:1px solid #ddd}
        table{border-collapse:collapse}td,th{padding:2px 10px 2px 0;text-align:left;vertical-align:top}
        th{font-weight:600}.top{display:flex;flex-wrap:wrap;gap:0 32px}.facts{font-size:13px;line-height:1.25}.facts td:first-child{color:#555}code{font-size:12px}
        .warnings{background:#fff4e0;border:1px solid #e0a040;padding:6px 10px}
        .legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:4px 0;font-size:13px}.legend svg{vertical-align:middle}
        .map{width:100%;height:auto;border:1px solid #ccc;background:#fbfbf8;cursor:grab;touch-action:none}
        .coverage circle{fill:#4a90d9;fill-opacity:.07;stroke:#4a90d9;stroke-opacity:.4;stroke-width:1;vector-effect:non-scaling-stroke;pointer-events:none}
        .links{fill:none;stroke:#8a8a8a;stroke-width:1;vector-effect:non-scaling-stroke}.links.faint{stroke-opacity:.12}
        .edge{fill:#2a9d57}.regional{fill:#e07b00}.cloud{fill:#6b5bd2}
        .servers use{stroke:#fff;stroke-width:.8}
        .stations circle{fill:#1f4e8c;stroke:#fff;stroke-width:.8}
        .users polyline{fill:none;stroke:currentColor;stroke-width:1.5;opacity:.75;vector-effect:non-scaling-stroke}
        .users circle{fill:currentColor}.users use{fill:currentColor;stroke:#fff;stroke-width:.8}
        .users use.late{stroke:#d00;stroke-width:1.6}.users g.hl polyline{stroke-width:4;opacity:1}
        .map text{font-size:10px;text-anchor:middle;fill:#333;pointer-events:none}.map text.row{text-anchor:start;fill:#666}.map rect.row{fill:#f0f0ec}
        .axis{margin-top:6px}.rows{max-height:70vh;overflow:auto;border:1px solid #ccc}
        #timeline text{text-anchor:end;font-size:10px;fill:#333}.stripe{fill:#f4f4f4}
        .axis text{text-anchor:middle;font-size:10px;fill:#333}.axis text.unit{text-anchor:end}.axis line{stroke:#666}
        .pre{fill:#9ecae1}.mig{fill:#2171b5}.ho{fill:#e6550d}.other{fill:#888}
        rect.late{stroke:#d00;stroke-width:1.5}rect.hl{stroke:#000;stroke-width:1}
        .scenarios{margin-bottom:12px}.charts{display:flex;flex-wrap:wrap;gap:14px 24px}figure{margin:0}figcaption{font-weight:600;font-size:13px}
        .charts text{font-size:11px;fill:#333}.charts text.name{text-anchor:end}
        .bar{fill:#7fa3d6}.bar.base{fill:#2b4c7e}.bar.failed{fill:#f6d5d1;stroke:#c0392b;stroke-dasharray:4 2}
        .bar.missing{fill:#bbb}.failed{color:#c0392b}
        """

    /// Hovering a user lights up its path and its bars; the wheel zooms the map about the pointer,
    /// dragging pans it and a double click puts it back.
    static let script = """
        (function(){
        var lit=[],litId=null;
        document.addEventListener('mouseover',function(e){
        var t=e.target.closest?e.target.closest('[data-user]'):null,id=t?t.getAttribute('data-user'):null;
        if(id===litId)return;lit.forEach(function(n){n.classList.remove('hl')});litId=id;
        lit=id===null?[]:Array.prototype.slice.call(document.querySelectorAll('[data-user="'+CSS.escape(id)+'"]'));
        lit.forEach(function(n){n.classList.add('hl')});});
        var m=document.getElementById('map');if(!m)return;
        var v=m.viewBox.baseVal,home=[v.x,v.y,v.width,v.height],drag=null;
        function at(e){var r=m.getBoundingClientRect();return [v.x+(e.clientX-r.left)/r.width*v.width,v.y+(e.clientY-r.top)/r.height*v.height];}
        m.addEventListener('wheel',function(e){e.preventDefault();var p=at(e),k=e.deltaY<0?0.8:1.25;
        v.x=p[0]-(p[0]-v.x)*k;v.y=p[1]-(p[1]-v.y)*k;v.width*=k;v.height*=k;},{passive:false});
        m.addEventListener('pointerdown',function(e){drag=at(e);});
        m.addEventListener('pointermove',function(e){if(!drag)return;var p=at(e);v.x-=p[0]-drag[0];v.y-=p[1]-drag[1];});
        window.addEventListener('pointerup',function(){drag=null;});
        m.addEventListener('dblclick',function(){v.x=home[0];v.y=home[1];v.width=home[2];v.height=home[3];});
        })();
        """
}
