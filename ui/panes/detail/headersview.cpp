#include "headersview.h"

#include "models/headersmodel.h"
#include "severitydecoration.h"

HeadersView::HeadersView(QWidget *parent)
    : RowTableView(parent)
    , m_headers(new HeadersModel(this)) {
    auto *tips = new SeverityDecoration(-1, this); // plain-text tooltips
    tips->setSourceModel(m_headers);
    setModel(tips);
}

void HeadersView::setFields(const HeaderList &headers, const HeaderList &trailers) {
    m_headers->setFields(headers, trailers);
    setColumnHidden(HeadersModel::SectionColumn, trailers.isEmpty());
    resizeColumnToContents(HeadersModel::NameColumn);
}

void HeadersView::clear() {
    m_headers->clear();
}

void HeadersView::setSecretsRevealed(bool revealed) {
    m_headers->setSecretsRevealed(revealed);
}

int HeadersView::fieldCount() const {
    return m_headers->rowCount();
}
