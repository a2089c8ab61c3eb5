#pragma once

#include "rowtableview.h"

class FindingsModel;

/**
 * The Contract findings tab: the capture's findings, worst first, with severity icons.
 *
 * Clicking a finding opens it (pathOpened(): the pane shows the JSON tree there); moving
 * through the list with the keyboard only marks each finding's place (pathMarked()), so
 * the list keeps the focus and stays on screen, and Enter opens the marked one.
 */
class FindingsView : public RowTableView {
    Q_OBJECT

public:
    explicit FindingsView(QWidget *parent = nullptr);

    FindingsModel *findings() const { return m_findings; }

Q_SIGNALS:
    /// The current finding is about path ("" for the body as a whole): mark it quietly.
    void pathMarked(const QString &path);
    /// A finding was clicked or activated: show its path.
    void pathOpened(const QString &path);

private:
    FindingsModel *m_findings;
};
