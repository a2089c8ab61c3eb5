#pragma once

#include <QTableView>

/**
 * A detail-pane table of whole rows (headers, findings): one row selected at a time,
 * alternating colours, single-line rows, and the last column stretched.
 */
class RowTableView : public QTableView {
    Q_OBJECT

public:
    explicit RowTableView(QWidget *parent = nullptr);
};
