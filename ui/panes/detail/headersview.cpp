#include "headersview.h"

#include "models/headersmodel.h"
#include "severitydecoration.h"

#include <QHeaderView>

HeadersView::HeadersView(QWidget *parent)
    : QTableView(parent)
    , m_headers(new HeadersModel(this)) {
    auto *tips = new SeverityDecoration(-1, this); // plain-text tooltips
    tips->setSourceModel(m_headers);
    setModel(tips);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
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
