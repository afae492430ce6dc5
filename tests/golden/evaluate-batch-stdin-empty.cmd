evaluate --batch - --explain
