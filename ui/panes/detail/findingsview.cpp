#include "findingsview.h"

#include "models/findingsmodel.h"
#include "severitydecoration.h"

#include <QHeaderView>

FindingsView::FindingsView(QWidget *parent)
    : RowTableView(parent)
    , m_findings(new FindingsModel(this)) {
    auto *icons = new SeverityDecoration(FindingsModel::SeverityColumn, this);
    icons->setSourceModel(m_findings);
    setModel(icons);
    horizontalHeader()->setSectionResizeMode(FindingsModel::SeverityColumn,
                                             QHeaderView::ResizeToContents);

    const auto pathOf = [](const QModelIndex &index) {
        return index.data(FindingsModel::PathRole).toString();
    };
    // A click is the user's choice of one finding: open it. Arrow keys pass over
    // findings on the way to another; opening each would take the list off screen
    // (and the focus with it) at the first step.
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, pathOf](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT pathMarked(pathOf(current));
            });
    connect(this, &QAbstractItemView::clicked, this, [this, pathOf](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT pathOpened(pathOf(index));
    });
    connect(this, &QAbstractItemView::activated, this, [this, pathOf](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT pathOpened(pathOf(index));
    });
}
