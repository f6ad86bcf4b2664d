from qorgau.visits.reports.sanitize import plain_text, sanitize_html


def test_script_is_dropped_with_its_content():
    assert sanitize_html("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>"


def test_event_handlers_and_styles_are_stripped():
    html = sanitize_html(
        '<p onclick="x()" style="background:url(https://evil.example/x)">t</p>'
        "<style>p{background:url(https://evil.example/y)}</style>"
    )
    assert html == "<p>t</p>"
    assert "url(" not in html and "onclick" not in html


def test_links_images_and_javascript_urls_are_removed():
    html = sanitize_html(
        '<a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)"><iframe src="/"></iframe>'
    )
    assert html == "x"


def test_structure_and_emphasis_are_kept():
    html = "<h3>T</h3><p><strong>b</strong> <em>i</em></p><ul><li>1</li></ul><ol><li>2</li></ol>"
    assert sanitize_html(html) == html


def test_table_cells_keep_only_their_span():
    html = sanitize_html(
        '<table><tr><td colspan="2" class="x" style="color:red">1</td></tr></table>'
    )
    assert html == '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'


def test_plain_text_decodes_entities_and_separates_blocks():
    assert plain_text("<p>a &amp; b</p><p>c</p>") == "a & b c"
